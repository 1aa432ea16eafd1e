import type { Problem } from "../api.js";
import { Heading, Link, Paragraph } from "../components.js";
import { inLang } from "../i18n.js";
import { common } from "../messages.js";
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
  return {
    status: problem.status >= 400 ? problem.status : 500,
    title,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <Paragraph>{text}</Paragraph>
        <Paragraph>
          <Link href="/console/">{m.backHome}</Link>
        </Paragraph>
      </>
    ),
  };
}
