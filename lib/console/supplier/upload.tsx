import { ENTRY_COLUMNS } from "../../schemas/csv-columns.js";
import { randomUUID } from "node:crypto";
import type { ContractResponse } from "../../schemas/responses/contracts.js";
import type { EntryImportResponse } from "../../schemas/responses/entries.js";
import type { Problem } from "../api.js";
import { Alert, ButtonGroup, Heading, Link, Paragraph, Table } from "../components.js";
import { Button, ErrorSummary, Form } from "../form-fields.js";
import { centsOf, formatMoney, formatNumber, inLang } from "../i18n.js";
import { common } from "../messages.js";
import { parseMultipart } from "../multipart.js";
import type { HtmlResult, PageContext, PageResult } from "../page.js";
import { contractPath, formStatus, loadContract, seg } from "./data.js";
import { supplier } from "./messages.js";
import { notFound } from "./not-found.js";

/** The CSV upload of realisation entries, with the API's result for every row. */

/** What an upload came back with: the stored rows, or every refused row's reasons. */
type UploadOutcome = { stored: EntryImportResponse } | { problem: Problem } | { noFile: true } | undefined;

export async function uploadPage(ctx: PageContext): Promise<PageResult> {
  const contract = await loadContract(ctx);
  if (!contract) return notFound(ctx);
  return renderUpload(ctx, contract, undefined, randomUUID());
}

/**
 * The file goes to the API as it is (text/csv): the API checks every row and stores all or none.
 * The answer is shown here, not after a redirect, since it is the per-row result; a reload posts
 * the same idempotency key, so it replays instead of storing twice.
 */
export async function uploadPost(ctx: PageContext): Promise<PageResult> {
  const contract = await loadContract(ctx);
  if (!contract) return notFound(ctx);
  const form = parseMultipart(ctx.rawBody, ctx.headers["content-type"]);
  const file = form?.files.get("file");
  const key = form?.fields.get("_idempotency") || randomUUID();
  if (!file || file.bytes.length === 0)
    return { ...renderUpload(ctx, contract, { noFile: true }, key), status: 400 };
  const csv = file.bytes.toString("utf8").replace(/^\uFEFF/, "");
  const answer = await ctx.api.send<EntryImportResponse>(
    "POST",
    `/v1/contracts/${seg(contract.id)}/entries/import`,
    csv,
    { csv: true, idempotencyKey: key },
  );
  if (answer.ok) return renderUpload(ctx, contract, { stored: answer.body }, randomUUID());
  return {
    ...renderUpload(ctx, contract, { problem: answer.problem }, randomUUID()),
    status: formStatus(answer.problem),
  };
}

/** `rows.3.hours` as line 3, column hours; `header.x` as the header line. */
function rowOf(path: string): { row: string; column: string } {
  const m = /^(?:body\.)?rows\.(\d+)(?:\.(.+))?$/.exec(path);
  if (m) return { row: m[1]!, column: m[2] ?? "" };
  const h = /^(?:body\.)?header\.(.+)$/.exec(path);
  return h ? { row: "1", column: h[1]! } : { row: "", column: path.replace(/^body\.?/, "") };
}

function renderUpload(
  ctx: PageContext,
  contract: ContractResponse,
  outcome: UploadOutcome,
  idempotencyKey: string,
): HtmlResult {
  const m = inLang(supplier, ctx.lang);
  const c = inLang(common, ctx.lang);
  const lang = ctx.lang;
  const problem = outcome && "problem" in outcome ? outcome.problem : undefined;
  const fileError = outcome && "noFile" in outcome ? m.uploadNoFile : undefined;
  return {
    title: m.uploadTitle(contract.reference),
    body: (
      <>
        <Heading level={1}>{m.uploadTitle(contract.reference)}</Heading>
        {fileError ? (
          <ErrorSummary title={c.errorSummaryTitle} errors={[{ field: "file", message: fileError }]} />
        ) : null}
        {problem ? (
          <ErrorSummary title={c.errorSummaryTitle} errors={[]} detail={problem.detail ?? problem.title} />
        ) : null}
        {outcome && "stored" in outcome ? (
          <>
            <Alert kind="ok">
              <Paragraph>{m.uploadDone(outcome.stored.results.length)}</Paragraph>
            </Alert>
            <Table
              caption={m.uploadResultCaption}
              head={[m.colRow, m.colStatus, m.colEntry, m.colAmount]}
              numeric={[0, 3]}
              rows={outcome.stored.results.map((r) => [
                formatNumber(r.row, lang),
                m.rowCreated,
                r.entryId,
                formatMoney(centsOf(r.value.amount), lang),
              ])}
            />
            <Paragraph>
              <Link href={contractPath(contract.id)}>{m.realisationTitle(contract.reference)}</Link>
            </Paragraph>
          </>
        ) : null}
        {problem?.errors?.length ? (
          <Table
            caption={m.uploadRefusedCaption}
            head={[m.colRow, m.colColumn, m.colMessage]}
            numeric={[0]}
            rows={problem.errors.map((e) => {
              const { row, column } = rowOf(e.path);
              return [row, column, e.message];
            })}
          />
        ) : null}
        <Paragraph>{m.uploadIntro}</Paragraph>
        <Paragraph>{m.uploadColumns(ENTRY_COLUMNS.known.join(", "))}</Paragraph>
        <Form
          action={`${contractPath(contract.id)}/entries/upload`}
          csrf={ctx.session!.csrf}
          idempotencyKey={idempotencyKey}
          upload
        >
          <div
            class={`utrecht-form-field utrecht-form-field--text${fileError ? " utrecht-form-field--invalid" : ""}`}
          >
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label" for="field-file">
                {m.fieldFile}
              </label>
            </div>
            <div class="utrecht-form-field-description" id="field-file-description">
              {m.fieldFileHint}
            </div>
            {fileError ? (
              <div class="utrecht-form-field-error-message" id="field-file-error">
                {fileError}
              </div>
            ) : null}
            <div class="utrecht-form-field__input">
              <input
                type="file"
                class="utrecht-textbox utrecht-textbox--html-input"
                id="field-file"
                name="file"
                accept=".csv,text/csv"
                aria-invalid={fileError ? "true" : undefined}
                aria-describedby={
                  fileError ? "field-file-description field-file-error" : "field-file-description"
                }
              />
            </div>
          </div>
          <ButtonGroup>
            <Button>{m.uploadSubmit}</Button>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}
