import type { InternalTenderResponse, PublishedTenderResponse } from "../../schemas/responses/tenders.js";
import { ButtonGroup, ButtonLink, Heading, Paragraph } from "../components.js";
import { Button, ErrorSummary, Form, TextArea } from "../form-fields.js";
import { emptyForm, type FormState, formStateOf, bound } from "../forms.js";
import { inLang } from "../i18n.js";
import { common } from "../messages.js";
import type { ConsolePage, HtmlResult, PageContext, PageResult } from "../page.js";
import { redirectTo } from "../page.js";
import { officer } from "./messages.js";
import { tenderOf, tenderPage, tenderPath } from "./tenders.js";
import { publishRefusedPage } from "./wizard.js";

/** Publishing a draft (its warnings, or its refusal at the draft's fields) and cancelling a tender with a reason. */

const OFFICER = ["officer"] as const;
const enc = encodeURIComponent;

async function publish(ctx: PageContext): Promise<PageResult> {
  const version = Number(ctx.form.get("version"));
  const answer = await ctx.api.send<PublishedTenderResponse>(
    "POST",
    `/v1/tenders/${enc(ctx.params.tenderId!)}/publish`,
    Number.isInteger(version) && version > 0 ? { version } : {},
  );
  if (answer.ok) {
    if (answer.body.warnings.length)
      return tenderPage(ctx, { warnings: answer.body.warnings.map((w) => w.message) });
    return redirectTo(tenderPath(ctx.params.tenderId!), "published");
  }
  const tender = await tenderOf(ctx);
  // A rule naming the draft's fields is shown at them; a stale version or a rule on the whole tender above the tender.
  if (
    answer.problem.status === 422 &&
    answer.problem.errors?.length &&
    tender.ok &&
    tender.body.status === "draft"
  )
    return publishRefusedPage(ctx, tender.body, answer.problem);
  return tenderPage(ctx, { problem: answer.problem, status: answer.problem.status === 409 ? 409 : 422 });
}

async function cancelPage(
  ctx: PageContext,
  tender: InternalTenderResponse,
  state: FormState = emptyForm(),
  status?: number,
): Promise<HtmlResult> {
  const m = inLang(officer, ctx.lang);
  const title = m.cancelTitle(tender.reference);
  return {
    title,
    status,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <ErrorSummary
          title={inLang(common, ctx.lang).errorSummaryTitle}
          errors={state.errors}
          detail={state.detail}
        />
        <Paragraph>{m.cancelIntro}</Paragraph>
        <Form action={`${tenderPath(tender.id)}/cancel`} csrf={ctx.session!.csrf}>
          <TextArea {...bound(state, "reason")} label={m.cancelReason} rows={3} />
          <ButtonGroup>
            <Button>{m.cancelConfirm}</Button>
            <ButtonLink href={tenderPath(tender.id)}>{m.backToTender}</ButtonLink>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}

export const lifecyclePages: ConsolePage[] = [
  { method: "POST", path: "/console/tenders/{tenderId}/publish", access: OFFICER, handle: publish },
  {
    method: "GET",
    path: "/console/tenders/{tenderId}/cancel",
    access: OFFICER,
    async handle(ctx) {
      const tender = await tenderOf(ctx);
      if (!tender.ok) return redirectTo("/console/tenders");
      return cancelPage(ctx, tender.body);
    },
  },
  {
    method: "POST",
    path: "/console/tenders/{tenderId}/cancel",
    access: OFFICER,
    async handle(ctx) {
      const tender = await tenderOf(ctx);
      if (!tender.ok) return redirectTo("/console/tenders");
      const answer = await ctx.api.send("POST", `/v1/tenders/${enc(tender.body.id)}/cancel`, {
        reason: ctx.form.get("reason") ?? "",
      });
      if (answer.ok) return redirectTo(tenderPath(tender.body.id), "cancelled");
      return cancelPage(
        ctx,
        tender.body,
        formStateOf(answer.problem, ctx.form),
        answer.problem.status === 409 ? 409 : 422,
      );
    },
  },
];
