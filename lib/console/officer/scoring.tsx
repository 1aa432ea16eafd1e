import type { InternalTenderResponse, OfficerBidResponse } from "../../schemas/responses/tenders.js";
import { ButtonGroup, ButtonLink, Heading, Paragraph } from "../components.js";
import { Button, ErrorSummary, Fieldset, Form, TextArea, TextField } from "../form-fields.js";
import { emptyForm, type FormState, formStateOf, parseDecimal, bound } from "../forms.js";
import { formatNumber, inLang } from "../i18n.js";
import { common } from "../messages.js";
import type { ConsolePage, HtmlResult, PageContext, PageResult } from "../page.js";
import { redirectTo } from "../page.js";
import { officer } from "./messages.js";
import { tenderPath } from "./tenders.js";

/**
 * The committee's scores of one bid: a score and a justification per quality criterion of the bid's
 * lot, sent with the version read (PUT …/bids/{bidId}/scores). Fields are named after the criterion
 * (`score.<id>`, `justification.<id>`), so the API's `scores.0.score` maps to the right one.
 */

const OFFICER = ["officer"] as const;
const enc = encodeURIComponent;

interface Loaded {
  tender: InternalTenderResponse;
  lot: InternalTenderResponse["lots"][number];
  bid: OfficerBidResponse;
}

async function load(ctx: PageContext): Promise<Loaded | undefined> {
  const { tenderId, lotId, bidId } = ctx.params as { tenderId: string; lotId: string; bidId: string };
  const [tender, bid] = await Promise.all([
    ctx.api.get<InternalTenderResponse>(`/v1/tenders/${enc(tenderId)}`),
    ctx.api.get<OfficerBidResponse>(`/v1/tenders/${enc(tenderId)}/bids/${enc(bidId)}`),
  ]);
  if (!tender.ok || !bid.ok) return undefined;
  const lot = tender.body.lots.find((l) => l.id === lotId);
  if (!lot || bid.body.lotId !== lotId) return undefined;
  return { tender: tender.body, lot, bid: bid.body };
}

const criteriaOf = (lot: Loaded["lot"]) => lot.awardModel.criteria ?? [];

function valuesOf({ lot, bid }: Loaded, lang: "nl" | "en"): Record<string, string> {
  const values: Record<string, string> = {};
  for (const c of criteriaOf(lot)) {
    const stored = bid.committeeScores?.scores[c.id];
    values[`score.${c.id}`] = stored ? formatNumber(stored.score, lang, 4) : "";
    values[`justification.${c.id}`] = stored?.justification ?? "";
  }
  return values;
}

function scoringPage(ctx: PageContext, loaded: Loaded, state: FormState, status?: number): HtmlResult {
  const m = inLang(officer, ctx.lang);
  const { tender, lot, bid } = loaded;
  const criteria = criteriaOf(lot);
  const title = m.scoringTitle(bid.bidId);
  return {
    title,
    status,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <Paragraph>{`${tender.reference}: ${tender.title}${tender.lots.length > 1 ? ` · ${m.lot(lot.id, lot.title)}` : ""}`}</Paragraph>
        <ErrorSummary
          title={inLang(common, ctx.lang).errorSummaryTitle}
          errors={state.errors}
          detail={state.detail}
        />
        {criteria.length ? (
          <>
            <Paragraph>{m.scoringIntro}</Paragraph>
            <Form action={ctx.path} csrf={ctx.session!.csrf}>
              {bid.committeeScores ? (
                <input type="hidden" name="version" value={String(bid.committeeScores.version)} />
              ) : null}
              {criteria.map((c) => (
                <Fieldset legend={c.name}>
                  <TextField
                    {...bound(state, `score.${c.id}`)}
                    label={m.scoreLabel(c.name, c.scale.min, c.scale.max)}
                    inputMode="decimal"
                  />
                  <TextArea
                    {...bound(state, `justification.${c.id}`)}
                    label={m.justification(c.name)}
                    rows={3}
                  />
                </Fieldset>
              ))}
              <Button>{m.saveScores}</Button>
            </Form>
          </>
        ) : (
          <Paragraph>{m.noCriteria}</Paragraph>
        )}
        <ButtonGroup>
          <ButtonLink href={tenderPath(tender.id)}>{m.backToTender}</ButtonLink>
        </ButtonGroup>
      </>
    ),
  };
}

async function save(ctx: PageContext, loaded: Loaded): Promise<PageResult> {
  const criteria = criteriaOf(loaded.lot);
  const scores = criteria.map((c) => ({
    criterionId: c.id,
    score: parseDecimal(ctx.form.get(`score.${c.id}`), ctx.lang) ?? Number.NaN,
    justification: ctx.form.get(`justification.${c.id}`) ?? "",
  }));
  const version = Number(ctx.form.get("version"));
  const answer = await ctx.api.send(
    "PUT",
    `/v1/tenders/${enc(loaded.tender.id)}/bids/${enc(loaded.bid.bidId)}/scores`,
    { scores, ...(Number.isInteger(version) && version > 0 ? { version } : {}) },
  );
  if (answer.ok) return redirectTo(tenderPath(loaded.tender.id), "scoresSaved");
  const state = formStateOf(answer.problem, ctx.form, (path) => {
    const match = /^scores\.(\d+)\.(score|justification)$/.exec(path);
    const criterion = match ? criteria[Number(match[1])] : undefined;
    return criterion ? `${match![2]}.${criterion.id}` : path;
  });
  return scoringPage(ctx, loaded, state, answer.problem.status === 409 ? 409 : 422);
}

const PATH = "/console/tenders/{tenderId}/lots/{lotId}/bids/{bidId}/scores";

export const scoringPages: ConsolePage[] = [
  {
    method: "GET",
    path: PATH,
    access: OFFICER,
    async handle(ctx) {
      const loaded = await load(ctx);
      if (!loaded) return redirectTo(tenderPath(ctx.params.tenderId!));
      return scoringPage(ctx, loaded, emptyForm(valuesOf(loaded, ctx.lang)));
    },
  },
  {
    method: "POST",
    path: PATH,
    access: OFFICER,
    async handle(ctx) {
      const loaded = await load(ctx);
      if (!loaded) return redirectTo(tenderPath(ctx.params.tenderId!));
      return save(ctx, loaded);
    },
  },
];
