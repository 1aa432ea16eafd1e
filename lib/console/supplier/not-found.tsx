import { Heading, Paragraph } from "../components.js";
import { inLang } from "../i18n.js";
import { common } from "../messages.js";
import type { HtmlResult, PageContext } from "../page.js";

/** A tender or contract the API does not show this supplier: the same 404 page for both. */
export function notFound(ctx: PageContext): HtmlResult {
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
