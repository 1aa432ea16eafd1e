import { Heading, Paragraph } from "../components.js";
import { inLang } from "../i18n.js";
import { common, roleName } from "../messages.js";
import type { ConsolePage, HtmlResult, NavItem, PageContext } from "../page.js";

/** The supplier's pages under /console/. */
export const supplierPages: ConsolePage[] = [];

/** The supplier's links in the header. */
export const supplierNav: NavItem[] = [];

/** The supplier's overview at /console/. */
export async function supplierHome(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(common, ctx.lang);
  return {
    title: m.homeTitle,
    body: (
      <>
        <Heading level={1}>{m.homeTitle}</Heading>
        <Paragraph>{m.homeIntro(roleName(ctx.session!.role, m), ctx.session!.org)}</Paragraph>
      </>
    ),
  };
}
