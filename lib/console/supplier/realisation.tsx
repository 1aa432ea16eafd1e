import { randomUUID } from "node:crypto";
import type * as z from "zod";
import { amsterdamDate } from "../../domain/amsterdam-time.js";
import { catalogueInForce } from "../../domain/sroi/catalogue.js";
import { TARGET_GROUP_EVIDENCE_KINDS } from "../../domain/sroi/target-group.js";
import type { ContractResponse } from "../../schemas/responses/contracts.js";
import type {
  EntryImportResponse,
  EntryResponse,
  entryListResponse,
} from "../../schemas/responses/entries.js";
import type { CatalogueResponse, CataloguePageResponse } from "../../schemas/responses/sroi.js";
import type { Problem } from "../api.js";
import {
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  DataList,
  ErrorSummary,
  Form,
  Heading,
  Link,
  Paragraph,
  SelectField,
  StatusBadge,
  Table,
  TextArea,
  TextField,
} from "../components.js";
import { type FormState, emptyForm, errorOf, formStateOf, parseDecimal } from "../forms.js";
import { centsOf, formatDate, formatMoney, formatNumber, inLang, type Lang } from "../i18n.js";
import { common } from "../messages.js";
import { parseMultipart } from "../multipart.js";
import { type HtmlResult, type PageContext, type PageResult, redirectTo } from "../page.js";
import { blockChoices, formStatus, organisationNames, seg } from "./data.js";
import { supplier } from "./messages.js";

/** Reporting realisation on a contract: the supplier's entries, the entry form and the CSV upload. */

/** The CSV columns the entry upload takes (the API refuses any other), in the README's order. */
export const CSV_COLUMNS = [
  "blockId",
  "candidateRef",
  "startDate",
  "endDate",
  "fte",
  "hours",
  "units",
  "invoiceNumber",
  "invoiceDate",
  "invoiceAmount",
  "vendorKvk",
  "bonuses",
  "evidence",
  "targetGroupEvidenceKind",
  "targetGroupEvidenceDate",
  "period",
  "note",
];

const contractPath = (id: string) => `/console/supplier/contracts/${seg(id)}`;

async function loadContract(ctx: PageContext): Promise<ContractResponse | undefined> {
  const answer = await ctx.api.get<ContractResponse>(`/v1/contracts/${seg(ctx.params.contractId!)}`);
  return answer.ok ? answer.body : undefined;
}

/** The catalogue version whose blocks an entry reports today: the award's, or the one in force. */
async function entryCatalogue(
  ctx: PageContext,
  contract: ContractResponse,
): Promise<CatalogueResponse | undefined> {
  if (contract.policy.valuationDate === "award-date") {
    const { id, version } = contract.awardCatalogue;
    const answer = await ctx.api.get<CatalogueResponse>(
      `/v1/sroi/catalogues/${seg(id)}/versions/${seg(version)}`,
    );
    return answer.ok ? answer.body : undefined;
  }
  const answer = await ctx.api.get<CataloguePageResponse>(
    `/v1/sroi/catalogues/${seg(contract.policy.catalogueId)}/versions`,
  );
  return answer.ok ? catalogueInForce(answer.body.items, amsterdamDate(ctx.now)) : undefined;
}

function notFound(ctx: PageContext): HtmlResult {
  const m = inLang(common, ctx.lang);
  return {
    status: 404,
    title: m.notFoundTitle,
    body: (
      <>
        <Heading level={1}>{m.notFoundTitle}</Heading>
        <Paragraph>{m.notFoundText}</Paragraph>
      </>
    ),
  };
}

/** Utrecht's default success badge lacks contrast on the neutral theme: accepted stays neutral, said in words. */
const statusKind = (status: string) =>
  status === "rejected" ? "danger" : status === "submitted" ? "warning" : "neutral";

/** The contract's summary, the supplier's entries and the two ways to report more. */
export async function realisationPage(ctx: PageContext): Promise<PageResult> {
  const contract = await loadContract(ctx);
  if (!contract) return notFound(ctx);
  const m = inLang(supplier, ctx.lang);
  const lang = ctx.lang;
  const [entries, buyers] = await Promise.all([
    ctx.api.get<z.output<typeof entryListResponse>>(`/v1/contracts/${seg(contract.id)}/entries?limit=500`),
    organisationNames(ctx, [contract.buyerId]),
  ]);
  const items = entries.ok ? entries.body.items : [];
  const notice = ctx.query.get("notice");
  return {
    title: m.realisationTitle(contract.reference),
    body: (
      <>
        <Heading level={1}>{m.realisationTitle(contract.reference)}</Heading>
        {notice ? <Alert kind="ok">{notice}</Alert> : null}
        <Paragraph>{m.realisationIntro}</Paragraph>
        <DataList
          items={[
            { term: m.colTitle, value: contract.title },
            { term: m.colBuyer, value: buyers.get(contract.buyerId) ?? contract.buyerId },
            {
              term: m.termPeriod,
              value: m.periodText(formatDate(contract.startDate, lang), formatDate(contract.endDate, lang)),
            },
            { term: m.colObligation, value: formatMoney(centsOf(contract.obligation.amount.amount), lang) },
          ]}
        />
        <ButtonGroup>
          <ButtonLink href={`${contractPath(contract.id)}/entries/new`} primary>
            {m.newEntryLink}
          </ButtonLink>
          <ButtonLink href={`${contractPath(contract.id)}/entries/upload`}>{m.uploadLink}</ButtonLink>
          <ButtonLink href={`/console/contracts/${seg(contract.id)}`}>{m.contractPageLink}</ButtonLink>
        </ButtonGroup>
        {items.length ? (
          <Table
            caption={m.entriesCaption}
            head={[m.colPeriod, m.colBlock, m.colCandidate, m.colDates, m.colAmount, m.colStatus]}
            numeric={[4]}
            rows={items.map((e: EntryResponse) => [
              e.period,
              e.blockId,
              e.candidateRef ?? "",
              `${formatDate(e.startDate, lang)} – ${formatDate(e.endDate, lang)}`,
              formatMoney(centsOf(e.value.amount), lang),
              <StatusBadge kind={statusKind(e.status)}>{m.entryStatus(e.status)}</StatusBadge>,
            ])}
          />
        ) : (
          <Paragraph>{m.entriesNone}</Paragraph>
        )}
      </>
    ),
  };
}

// ---------- the entry form ----------

/** The entry body the API takes, from the form's fields (numbers as typed in the visitor's language). */
export function entryBody(form: URLSearchParams, lang: Lang): Record<string, unknown> {
  const text = (name: string) => form.get(name)?.trim() || undefined;
  const body: Record<string, unknown> = { blockId: text("blockId") ?? "", period: text("period") ?? "" };
  for (const name of ["candidateRef", "startDate", "endDate", "note"]) {
    const value = text(name);
    if (value) body[name] = value;
  }
  for (const name of ["fte", "hours", "units"]) {
    const value = parseDecimal(form.get(name), lang);
    if (value !== undefined) body[name] = Number.isNaN(value) ? null : value;
  }
  const evidence = (form.get("evidence") ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (evidence.length) body.evidence = evidence;
  const kind = text("targetGroupEvidenceKind");
  if (kind) body.targetGroupEvidence = { kind, date: text("targetGroupEvidenceDate") ?? "" };
  return body;
}

/** API paths to form fields: the evidence list is one text area, target-group evidence two fields. */
const entryField = (path: string) =>
  path.startsWith("evidence")
    ? "evidence"
    : path === "targetGroupEvidence.date"
      ? "targetGroupEvidenceDate"
      : path.startsWith("targetGroupEvidence")
        ? "targetGroupEvidenceKind"
        : path;

export async function entryPage(ctx: PageContext): Promise<PageResult> {
  const contract = await loadContract(ctx);
  if (!contract) return notFound(ctx);
  return renderEntryForm(ctx, contract, await entryCatalogue(ctx, contract), emptyForm());
}

export async function entryPost(ctx: PageContext): Promise<PageResult> {
  const contract = await loadContract(ctx);
  if (!contract) return notFound(ctx);
  const answer = await ctx.api.send<EntryResponse>(
    "POST",
    `/v1/contracts/${seg(contract.id)}/entries`,
    entryBody(ctx.form, ctx.lang),
    { idempotencyKey: ctx.form.get("_idempotency") ?? undefined },
  );
  if (answer.ok)
    return redirectTo(
      contractPath(contract.id),
      inLang(supplier, ctx.lang).entrySubmittedNotice(
        formatMoney(centsOf(answer.body.value.amount), ctx.lang),
      ),
    );
  const state = formStateOf(answer.problem, ctx.form, entryField);
  const page = renderEntryForm(ctx, contract, await entryCatalogue(ctx, contract), state);
  return { ...page, status: formStatus(answer.problem) };
}

function renderEntryForm(
  ctx: PageContext,
  contract: ContractResponse,
  catalogue: CatalogueResponse | undefined,
  state: FormState,
): HtmlResult {
  const m = inLang(supplier, ctx.lang);
  const c = inLang(common, ctx.lang);
  const v = (name: string) => state.values[name];
  const err = (name: string) => errorOf(state, name);
  return {
    title: m.entryTitle(contract.reference),
    body: (
      <>
        <Heading level={1}>{m.entryTitle(contract.reference)}</Heading>
        <ErrorSummary title={c.errorSummaryTitle} errors={state.errors} detail={state.detail} />
        <Paragraph>{m.entryIntro}</Paragraph>
        <Form
          action={`${contractPath(contract.id)}/entries/new`}
          csrf={ctx.session!.csrf}
          idempotencyKey={ctx.form.get("_idempotency") ?? randomUUID()}
        >
          <SelectField
            name="blockId"
            label={m.fieldBlock}
            value={v("blockId")}
            error={err("blockId")}
            required
            options={[{ value: "", label: m.fieldBlockNone }, ...blockChoices(catalogue)]}
          />
          <TextField
            name="candidateRef"
            label={m.fieldCandidate}
            description={m.fieldCandidateHint}
            value={v("candidateRef")}
            error={err("candidateRef")}
          />
          <TextField
            name="startDate"
            label={m.fieldStart}
            description={m.fieldDateHint}
            type="date"
            value={v("startDate")}
            error={err("startDate")}
          />
          <TextField
            name="endDate"
            label={m.fieldEnd}
            description={m.fieldDateHint}
            type="date"
            value={v("endDate")}
            error={err("endDate")}
          />
          <TextField name="fte" label={m.fieldFte} inputMode="decimal" value={v("fte")} error={err("fte")} />
          <TextField
            name="hours"
            label={m.fieldHours}
            inputMode="decimal"
            value={v("hours")}
            error={err("hours")}
          />
          <TextField
            name="units"
            label={m.fieldUnits}
            inputMode="decimal"
            value={v("units")}
            error={err("units")}
          />
          <TextField
            name="period"
            label={m.fieldPeriod}
            description={m.fieldPeriodHint}
            value={v("period")}
            error={err("period")}
            required
          />
          <SelectField
            name="targetGroupEvidenceKind"
            label={m.fieldEvidenceKind}
            value={v("targetGroupEvidenceKind")}
            error={err("targetGroupEvidenceKind")}
            options={[
              { value: "", label: m.fieldEvidenceNone },
              ...TARGET_GROUP_EVIDENCE_KINDS.map((k) => ({ value: k, label: m.evidenceKind(k) })),
            ]}
          />
          <TextField
            name="targetGroupEvidenceDate"
            label={m.fieldEvidenceDate}
            description={m.fieldDateHint}
            type="date"
            value={v("targetGroupEvidenceDate")}
            error={err("targetGroupEvidenceDate")}
          />
          <TextArea
            name="evidence"
            label={m.fieldEvidence}
            value={v("evidence")}
            error={err("evidence")}
            rows={3}
          />
          <TextArea name="note" label={m.fieldNote} value={v("note")} error={err("note")} rows={3} />
          <ButtonGroup>
            <Button>{m.submitEntry}</Button>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}

// ---------- the CSV upload ----------

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
        <Paragraph>{m.uploadColumns(CSV_COLUMNS.join(", "))}</Paragraph>
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
