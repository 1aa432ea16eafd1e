import type { Problem } from "../api.js";
import { inLang } from "../i18n.js";
import { common } from "../messages.js";
import { messagePage } from "../message-page.js";
import type { HtmlResult, PageContext } from "../page.js";

/**
 * A page whose data the API refused: its status and words. An unknown id and another tenant's id are
 * both the API's 404, so the page does not reveal which.
 */
export function apiFailure(ctx: PageContext, problem: Problem): HtmlResult {
  const m = inLang(common, ctx.lang);
  const [title, text] =
    problem.status === 404
      ? [m.notFoundTitle, m.notFoundText]
      : problem.status === 403
        ? [m.forbiddenTitle, m.forbiddenText]
        : [m.errorTitle, problem.detail ?? problem.title];
  return messagePage(ctx, problem.status >= 400 ? problem.status : 500, title, text);
}
