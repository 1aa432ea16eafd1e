import "../../lib/local/quiet-sdk.js";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ensureTable, startDynalite } from "../../lib/local/dynalite.js";
import { DEFAULT_TABLE_NAME } from "../../lib/store/table.js";

/**
 * `npm run console:screenshots`: the local server in memory with the demo data, Chromium signed in as
 * each demo role through the development sign-in, and its home page saved as docs/console-<role>.png
 * (the README shows them). Run again after changing what a home page looks like.
 */
const OUT_DIR = process.env.SCREENSHOT_DIR ?? "docs";
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

process.env.POWERTOOLS_LOG_LEVEL ??= "ERROR";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
// A throw-away key: nothing signed with it outlives this run.
process.env.DEV_SIGNING_KEY = randomBytes(32).toString("base64url");
process.env.TABLE_NAME ??= DEFAULT_TABLE_NAME;
delete process.env.AUTH_ISSUER;

const dynamo = await startDynalite();
// Set before the store client is first imported: the client reads it once, at module scope.
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
await ensureTable(dynamo.endpoint, process.env.TABLE_NAME);

const { seedDemoData } = await import("../../lib/seed/index.js");
const { DEMO_IDENTITIES } = await import("../../lib/seed/demo-ids.js");
const { common, roleName } = await import("../../lib/console/messages.js");
const { startHttpServer } = await import("../local.js");

await seedDemoData(new Date());
const { server, url } = await startHttpServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const { role, org } of DEMO_IDENTITIES) {
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}/console/sign-in`);
    const m = common.nl;
    await page.getByRole("button", { name: m.signInAs(roleName(role, m), org), exact: true }).click();
    await page.waitForURL(`${url}/console/`);
    const file = join(OUT_DIR, `console-${role}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${file}: the ${role}'s home page (${org})`);
    await context.close();
  }
} finally {
  await browser.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dynamo.close();
}
