import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { inLang, type Lang } from "../../lib/console/i18n.js";
import { common, roleName } from "../../lib/console/messages.js";
import { CHROMIUM_INSTALL_HINT } from "./chromium.js";
import { describeWithTool } from "./required-tool.js";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Browser tests drive Debian's Chromium with playwright-core (a test tool's own browser download
 * does not work on these machines). Without it the suites are skipped with a message saying how to
 * run them; with CI=true they fail instead.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const missing = existsSync(CHROMIUM_PATH)
  ? undefined
  : `${CHROMIUM_PATH} not found: the console's browser tests need Chromium (${CHROMIUM_INSTALL_HINT}; then npm run test:browser)`;

export const describeWithBrowser = (name: string, body: () => void): void =>
  describeWithTool(name, missing, "chromium", body);

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface BrowserHandle {
  browser: Browser;
  /** A fresh context (its own cookies) per call; closed with the browser. */
  newPage(options?: { javaScriptEnabled?: boolean; lang?: Lang; width?: number }): Promise<Page>;
}

/** One headless Chromium for a test file, closed after it. */
export function useBrowser(): BrowserHandle {
  const handle = {} as BrowserHandle;
  const contexts: BrowserContext[] = [];
  // Chromium keeps files in TMPDIR (.org.chromium.Chromium.*) that a crashed renderer may leave
  // behind: a temp folder of its own, removed with the browser.
  let temp: string | undefined;
  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), "browser-"));
    handle.browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: FLAGS,
      headless: true,
      env: { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp },
    });
    handle.newPage = async (options = {}) => {
      const context = await handle.browser.newContext({
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        locale: options.lang === "en" ? "en-GB" : "nl-NL",
        viewport: { width: options.width ?? 1280, height: 900 },
      });
      contexts.push(context);
      return context.newPage();
    };
  }, 60_000);
  afterAll(async () => {
    await handle.browser?.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });
  return handle;
}

/** Signs in through the development sign-in page, as a new user would: clicks the role's button. */
export async function signIn(page: Page, baseUrl: string, role: string, org: string): Promise<void> {
  await page.goto(`${baseUrl}/console/sign-in`);
  const lang = ((await page.locator("html").getAttribute("lang")) ?? "nl") as Lang;
  const m = inLang(common, lang);
  await page.getByRole("button", { name: m.signInAs(roleName(role, m), org), exact: true }).click();
  await page.waitForURL(`${baseUrl}/console/**`);
  expect(page.url()).not.toContain("/sign-in");
}

/** Switches the console's language with the header's link (the choice is remembered in a cookie). */
/** Types each value into the field labelled exactly so, on the page or within one of its parts. */
export async function fillByLabel(scope: Page | Locator, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields))
    await scope.getByLabel(label, { exact: true }).fill(value);
}

/** fillByLabel within the group (fieldset) of that name. */
export const fillGroup = (page: Page, group: string, fields: Record<string, string>): Promise<void> =>
  fillByLabel(page.getByRole("group", { name: group, exact: true }), fields);

export async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  const current = (await page.locator("html").getAttribute("lang")) as Lang;
  if (current === lang) return;
  await page.getByRole("link", { name: inLang(common, current).otherLanguageLabel }).click();
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(lang);
}

/** WCAG 2.0-2.2 A and AA rules; a page passes with no serious or critical violation. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page), page.url()).toEqual([]);
}
