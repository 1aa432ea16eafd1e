import { randomUUID } from "node:crypto";
import { TARGET_GROUP_EVIDENCE_KINDS } from "../../domain/sroi/target-group.js";
import type { ContractResponse } from "../../schemas/responses/contracts.js";
import type { EntryResponse } from "../../schemas/responses/entries.js";
import type { CatalogueResponse } from "../../schemas/responses/sroi.js";
import { ButtonGroup, Heading, Paragraph } from "../components.js";
import { Button, FormErrors, Form, SelectField, TextArea, TextField } from "../form-fields.js";
import { type FormState, emptyForm, formStateOf, parseDecimal, bound } from "../forms.js";
import { centsOf, formatMoney, inLang, type Lang } from "../i18n.js";
import { type HtmlResult, type PageContext, type PageResult, redirectTo } from "../page.js";
import {
  blockChoices,
  catalogueInForceToday,
  catalogueVersion,
  contractPath,
  formStatus,
  loadContract,
  seg,
} from "./data.js";
import { supplier } from "./messages.js";
import { notFound } from "./not-found.js";

/** The realisation entry form: one entry on a contract, valued by the API. */

/** The catalogue version whose blocks an entry reports today: the award's, or the one in force. */
const entryCatalogue = (
  ctx: PageContext,
  contract: ContractResponse,
): Promise<CatalogueResponse | undefined> =>
  contract.policy.valuationDate === "award-date"
    ? catalogueVersion(ctx, contract.awardCatalogue.id, contract.awardCatalogue.version)
    : catalogueInForceToday(ctx, contract.policy.catalogueId);

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
  return {
    title: m.entryTitle(contract.reference),
    body: (
      <>
        <Heading level={1}>{m.entryTitle(contract.reference)}</Heading>
        <FormErrors lang={ctx.lang} state={state} />
        <Paragraph>{m.entryIntro}</Paragraph>
        <Form
          action={`${contractPath(contract.id)}/entries/new`}
          csrf={ctx.session!.csrf}
          idempotencyKey={ctx.form.get("_idempotency") ?? randomUUID()}
        >
          <SelectField
            {...bound(state, "blockId")}
            label={m.fieldBlock}
            required
            options={[{ value: "", label: m.fieldBlockNone }, ...blockChoices(catalogue)]}
          />
          <TextField
            {...bound(state, "candidateRef")}
            label={m.fieldCandidate}
            description={m.fieldCandidateHint}
          />
          <TextField
            {...bound(state, "startDate")}
            label={m.fieldStart}
            description={m.fieldDateHint}
            type="date"
          />
          <TextField
            {...bound(state, "endDate")}
            label={m.fieldEnd}
            description={m.fieldDateHint}
            type="date"
          />
          <TextField {...bound(state, "fte")} label={m.fieldFte} inputMode="decimal" />
          <TextField {...bound(state, "hours")} label={m.fieldHours} inputMode="decimal" />
          <TextField {...bound(state, "units")} label={m.fieldUnits} inputMode="decimal" />
          <TextField
            {...bound(state, "period")}
            label={m.fieldPeriod}
            description={m.fieldPeriodHint}
            required
          />
          <SelectField
            {...bound(state, "targetGroupEvidenceKind")}
            label={m.fieldEvidenceKind}
            options={[
              { value: "", label: m.fieldEvidenceNone },
              ...TARGET_GROUP_EVIDENCE_KINDS.map((k) => ({ value: k, label: m.evidenceKind(k) })),
            ]}
          />
          <TextField
            {...bound(state, "targetGroupEvidenceDate")}
            label={m.fieldEvidenceDate}
            description={m.fieldDateHint}
            type="date"
          />
          <TextArea {...bound(state, "evidence")} label={m.fieldEvidence} rows={3} />
          <TextArea {...bound(state, "note")} label={m.fieldNote} rows={3} />
          <ButtonGroup>
            <Button>{m.submitEntry}</Button>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}
