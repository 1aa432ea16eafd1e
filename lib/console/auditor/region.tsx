import type * as z from "zod";
import type { meResponse } from "../../schemas/responses/platform.js";
import type { Problem } from "../api.js";
import { Alert, Heading, Paragraph } from "../components.js";
import { inLang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { auditorMessages } from "./messages.js";

/** The region of the signed-in auditor: the API takes it from the organisation's record. */
export async function regionOf(ctx: PageContext): Promise<{ regionId: string } | { problem: Problem }> {
  const me = await ctx.api.get<z.output<typeof meResponse>>("/v1/me");
  if (!me.ok) return { problem: me.problem };
  if (!me.body.regionId)
    return {
      problem: { status: 404, code: "no-region", title: inLang(auditorMessages, ctx.lang).noRegion },
    };
  return { regionId: me.body.regionId };
}

/** A page that could not get its data: the API's own words, with its status. */
export function problemPage(ctx: PageContext, title: string, problem: Problem): HtmlResult {
  const m = inLang(auditorMessages, ctx.lang);
  return {
    title,
    status: problem.status >= 500 ? 502 : problem.status,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <Alert kind="error">
          <Paragraph>{m.apiProblem(problem.detail ?? problem.title)}</Paragraph>
        </Alert>
      </>
    ),
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month an instant falls in, in Amsterdam time (`2026-03`). */
export function monthIn(now: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}`;
}

/**
 * The period a page shows: as asked in the query, else the year so far. What is asked is passed on
 * as typed, so the API's own checks name what is wrong with it.
 */
export function periodOf(ctx: PageContext): { from: string; to: string; asked: boolean } {
  const month = monthIn(ctx.now);
  const from = ctx.query.get("from")?.trim();
  const to = ctx.query.get("to")?.trim();
  if (from || to) return { from: from ?? "", to: to ?? "", asked: true };
  return { from: `${month.slice(0, 4)}-01`, to: month, asked: false };
}

/** `2026-03` as `maart 2026` / `March 2026`; anything else as it is. */
export function formatMonth(month: string, lang: "nl" | "en"): string {
  if (!MONTH.test(month)) return month;
  return new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${month}-15T12:00:00Z`));
}
