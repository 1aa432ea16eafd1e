import { Heading, Link, Paragraph } from "./components.js";
import { inLang } from "./i18n.js";
import { common } from "./messages.js";
import type { HtmlResult, PageContext } from "./page.js";

/** A page that only says something (not found, refused, failed) with a way back to the home page. */
export function messagePage(ctx: PageContext, status: number, title: string, text: string): HtmlResult {
  const m = inLang(common, ctx.lang);
  return {
    status,
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
