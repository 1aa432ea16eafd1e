import { expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../lib/seed/demo-ids.js";
import { describeWithBrowser, signIn, useBrowser } from "../support/browser.js";
import { crawlConsole } from "../support/console-crawl.js";
import { useDemoServer } from "../support/demo-server.js";

const server = useDemoServer(new Date("2026-03-02T09:00:00Z"), "console-reflow");

/** How far the page itself scrolls sideways (tables scroll inside their own box and do not count). */
const overflow = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

/**
 * WCAG 1.4.10 reflow: at 320 CSS pixels wide (400 % zoom of a 1280 px window) no page of any role
 * makes the reader scroll sideways. Every page the role reaches by its links is checked.
 */
describeWithBrowser("reflow at 320 px", () => {
  const browser = useBrowser();

  it.each(DEMO_IDENTITIES.map((id) => [id.role, id.org]))(
    "no page of the %s of %s scrolls sideways",
    async (role, org) => {
      const page = await browser.newPage({ width: 320 });
      await signIn(page, server.url, role, org);
      const wide: string[] = [];
      const visited = await crawlConsole(page, server.url, async (p, url) => {
        const by = await p.evaluate(overflow);
        if (by > 0) wide.push(`${url}: ${by}px too wide`);
      });
      expect(visited.length).toBeGreaterThan(0);
      expect(wide).toEqual([]);
    },
    120_000,
  );

  it("notices a page that is too wide (the check can fail)", async () => {
    const page = await browser.newPage({ width: 320 });
    await signIn(page, server.url, "admin", DEMO_IDENTITIES[3].org);
    await page.evaluate(() => {
      const wide = document.createElement("div");
      wide.textContent = "x".repeat(200);
      document.querySelector("main")!.append(wide);
    });
    expect(await page.evaluate(overflow)).toBeGreaterThan(0);
  });
});
