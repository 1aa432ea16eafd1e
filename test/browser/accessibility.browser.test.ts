import { expect, it } from "vitest";
import type { Lang } from "../../lib/console/i18n.js";
import { DEMO_IDENTITIES } from "../../lib/seed/demo-ids.js";
import {
  chooseLanguage,
  describeWithBrowser,
  seriousViolations,
  signIn,
  useBrowser,
} from "../support/browser.js";
import { crawlConsole } from "../support/console-crawl.js";
import { useDemoServer } from "../support/demo-server.js";

const server = useDemoServer(new Date("2026-03-02T09:00:00Z"), "console-accessibility");

/**
 * Every page a role reaches by following the console's links from its home page, in both languages:
 * no serious or critical WCAG 2.2 AA violation (axe-core), and no link to a page that fails. Pages added
 * later are found by the crawl, not listed here.
 */
describeWithBrowser("accessibility of every console page (axe-core, WCAG 2.2 AA)", () => {
  const browser = useBrowser();
  const cases = DEMO_IDENTITIES.flatMap((id) =>
    (["nl", "en"] as Lang[]).map((lang) => [id.role, id.org, lang]),
  );

  it.each(cases)(
    "every page of the %s of %s in %s",
    async (role, org, lang) => {
      const page = await browser.newPage({ lang: lang as Lang });
      await signIn(page, server.url, role, org);
      await chooseLanguage(page, lang as Lang);
      const problems: string[] = [];
      const visited = await crawlConsole(page, server.url, async (p, url) => {
        expect(await p.locator("html").getAttribute("lang"), url).toBe(lang);
        for (const v of await seriousViolations(p)) problems.push(`${url}: ${v}`);
      });
      expect(visited.filter((v) => v.status >= 400)).toEqual([]);
      expect(visited.length).toBeGreaterThan(role === "admin" ? 4 : 0);
      expect(problems).toEqual([]);
    },
    240_000,
  );
});
