import { randomUUID } from "node:crypto";
import type { InternalTenderResponse, ScoreCorrectionResponse } from "../../schemas/responses/tenders.js";
import { Heading, Paragraph, Table } from "../components.js";
import { Button, FormErrors, Fieldset, Form, SelectField, TextArea, TextField } from "../form-fields.js";
import { bound, errorOf, type FormState, parseDecimal } from "../forms.js";
import { formatDateTime, inLang } from "../i18n.js";
import type { PageContext } from "../page.js";
import { officer } from "./messages.js";
import { lotPath } from "./tenders.js";

/**
 * Score corrections on the evaluation page: once the prices are revealed the committee's scores are
 * frozen, so an officer proposes a change with a reason and a second officer approves it (the
 * proposer may withdraw it). The API decides who may do what; the page offers the likely buttons.
 */

type Lot = InternalTenderResponse["lots"][number];

/** The proposal's body from the form: only the criteria given a new score. */
export function correctionBodyOf(form: URLSearchParams, lot: Lot, lang: PageContext["lang"]) {
  const scores = (lot.awardModel.criteria ?? []).flatMap((c, i) => {
    const typed = form.get(`correction.scores.${i}.score`) ?? "";
    if (!typed.trim()) return [];
    return [
      {
        criterionId: c.id,
        score: parseDecimal(typed, lang) ?? Number.NaN,
        justification: form.get(`correction.scores.${i}.justification`) ?? "",
      },
    ];
  });
  return { bidId: form.get("correction.bidId") ?? "", scores, reason: form.get("correction.reason") ?? "" };
}

/**
 * An API path of the proposal (`scores.0.score`, the n-th criterion sent) as the form's field; the
 * fields are under `correction.` so they never share an id with the intended award's `bidId` and `reason`.
 */
export function correctionFieldOf(form: URLSearchParams, lot: Lot) {
  const rows = (lot.awardModel.criteria ?? []).flatMap((_, i) =>
    (form.get(`correction.scores.${i}.score`) ?? "").trim() ? [i] : [],
  );
  return (path: string) => {
    const score = /^scores\.(\d+)\.(score|justification|criterionId)$/.exec(path);
    if (!score) return `correction.${path}`;
    const row = rows[Number(score[1])] ?? score[1];
    return `correction.scores.${row}.${score[2] === "criterionId" ? "score" : score[2]}`;
  };
}

export function CorrectionsSection({
  ctx,
  tender,
  lot,
  bidIds,
  corrections,
  state,
}: {
  ctx: PageContext;
  tender: InternalTenderResponse;
  lot: Lot;
  bidIds: string[];
  corrections: ScoreCorrectionResponse[];
  state: FormState;
}) {
  const m = inLang(officer, ctx.lang);
  const base = `${lotPath(tender.id, lot.id)}/score-corrections`;
  const criteria = lot.awardModel.criteria ?? [];
  const open = lot.status !== "awarded" && tender.phase !== "cancelled" && criteria.length > 0;
  const nameOf = (id: string) => criteria.find((c) => c.id === id)?.name ?? id;
  const v = state.values;
  return (
    <section aria-labelledby="corrections-title">
      <Heading level={2}>
        <span id="corrections-title">{m.correctionsTitle}</span>
      </Heading>
      <Paragraph>{m.correctionsIntro}</Paragraph>
      {corrections.length ? (
        <Table
          caption={m.correctionsCaption}
          head={[m.correctionBid, m.correctionChange, m.correctionReason, m.correctionStatus, ""]}
          rows={corrections.map((c) => [
            c.bidId,
            c.after
              .map((a, i) => `${nameOf(a.criterionId)}: ${c.before[i]?.score ?? "–"} → ${a.score}`)
              .join("; "),
            c.reason,
            `${m.correctionStatuses(c.status)} (${formatDateTime(c.appliedAt ?? c.withdrawnAt ?? c.proposedAt, ctx.lang)})`,
            c.status !== "proposed" ? (
              ""
            ) : c.proposedBy === ctx.session!.sub ? (
              <Form action={`${base}/${encodeURIComponent(c.id)}/withdraw`} csrf={ctx.session!.csrf}>
                <Button kind="secondary">{m.withdraw(c.bidId)}</Button>
              </Form>
            ) : (
              <Form action={`${base}/${encodeURIComponent(c.id)}/approve`} csrf={ctx.session!.csrf}>
                <Button>{m.approve(c.bidId)}</Button>
              </Form>
            ),
          ])}
        />
      ) : (
        <Paragraph>{m.correctionsNone}</Paragraph>
      )}
      {open ? (
        <>
          <FormErrors lang={ctx.lang} state={state} />
          <Form
            action={base}
            csrf={ctx.session!.csrf}
            idempotencyKey={ctx.form.get("_idempotency") ?? randomUUID()}
            label={m.proposeCorrection}
          >
            <SelectField
              name="correction.bidId"
              label={m.chooseBid}
              value={v["correction.bidId"] ?? ""}
              error={errorOf(state, "correction.bidId")}
              options={bidIds.map((id) => ({ value: id, label: id }))}
            />
            {criteria.map((c, i) => (
              <Fieldset legend={c.name}>
                <TextField
                  {...bound(state, `correction.scores.${i}.score`)}
                  label={m.correctionScore(c.name)}
                  inputMode="decimal"
                />
                <TextArea
                  {...bound(state, `correction.scores.${i}.justification`)}
                  label={m.correctionJustification(c.name)}
                  rows={2}
                />
              </Fieldset>
            ))}
            <TextArea
              name="correction.reason"
              label={m.correctionReason}
              value={v["correction.reason"]}
              error={errorOf(state, "correction.reason") ?? errorOf(state, "correction.scores")}
              rows={2}
            />
            <Button>{m.proposeCorrection}</Button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
