import { expect, it } from "vitest";
import { contractMessages } from "../../lib/console/contracts/messages.js";
import { centsOf, formatMoney } from "../../lib/console/i18n.js";
import { DEMO } from "../../lib/seed/demo-ids.js";
import {
  chooseLanguage,
  describeWithBrowser,
  expectAccessible,
  signIn,
  useBrowser,
} from "../support/browser.js";
import { useDemoServer } from "../support/demo-server.js";

const server = useDemoServer(new Date("2026-03-02T09:00:00Z"), "console-contracts");
const nl = contractMessages.nl;
const en = contractMessages.en;
const contractId = DEMO.contract.id;

/** The supplier reports a placement on the demo contract through the API. */
async function submitEntry(candidateRef: string): Promise<{ id: string; value: { amount: number } }> {
  const res = await server.api(`/v1/contracts/${contractId}/entries`, {
    method: "POST",
    token: server.tokens.supplier,
    headers: { "idempotency-key": `browser-${candidateRef}` },
    json: {
      blockId: "work-experience",
      candidateRef,
      startDate: "2026-01-05",
      endDate: "2026-02-27",
      period: "2026-02",
      evidence: [`agreement ${candidateRef}`],
    },
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function balance() {
  const res = await server.api(`/v1/contracts/${contractId}/balance`, { token: server.tokens.officer });
  return res.body as { credited: { amount: number }; rejected: { amount: number } };
}

const euros = (amount: number, lang: "nl" | "en" = "nl") => formatMoney(centsOf(amount), lang);

describeWithBrowser("contracts and reviews in the console", () => {
  const browser = useBrowser();

  it("an officer rejects one entry with a reason and accepts another; the contract's balance follows", async () => {
    const toReject = await submitEntry("IJB-BROWSER-1");
    const toAccept = await submitEntry("IJB-BROWSER-2");
    const before = await balance();
    const page = await browser.newPage();
    await signIn(page, server.url, "officer", DEMO.municipalities[0]);

    // The queue from the menu, oldest first, each entry with a link to its review.
    await page.getByRole("navigation").getByRole("link", { name: nl.navReviews }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(nl.queueTitle);
    await expect.poll(() => page.getByRole("table", { name: nl.queueCaption }).isVisible()).toBe(true);
    await expectAccessible(page);

    // Rejecting without a reason: the API refuses, the summary links to the field.
    await page.getByRole("link", { name: nl.reviewLinkLabel(toReject.id) }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(nl.reviewTitle);
    await expectAccessible(page);
    await page.getByRole("button", { name: nl.reject }).click();
    const summary = page.getByRole("alert");
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await page.getByLabel(nl.reason).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await summary.getByRole("link").first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("field-reason");

    await page.getByLabel(nl.reason).fill("Geen plaatsingsovereenkomst bijgevoegd");
    await page.getByRole("button", { name: nl.reject }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain(nl.noticeRejected);
    expect(await page.getByRole("link", { name: nl.reviewLinkLabel(toReject.id) }).count()).toBe(0);

    // Accepting with the keyboard: the reason, then Tab to the accept button and Enter.
    await page.getByRole("link", { name: nl.reviewLinkLabel(toAccept.id) }).click();
    await page.getByLabel(nl.reason).fill("Overeenkomst en presentielijst gecontroleerd");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("status").textContent()).toContain(nl.noticeAccepted);
    await expectAccessible(page);

    // The contract page shows the new balance in its figures and its words.
    await page.getByRole("link", { name: nl.noticeContract(DEMO.contract.reference) }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain(DEMO.contract.reference);
    const credited = before.credited.amount + toAccept.value.amount;
    const rejected = before.rejected.amount + toReject.value.amount;
    const main = page.getByRole("main");
    await expect.poll(() => main.textContent()).toContain(`Er is ${euros(credited)} geaccepteerd`);
    expect(await main.textContent()).toContain(`${nl.figRejected}${euros(rejected)}`);
    expect(await main.textContent()).toContain("Geen plaatsingsovereenkomst bijgevoegd");
    await expectAccessible(page);

    // The same page in English.
    await chooseLanguage(page, "en");
    await expect.poll(() => main.textContent()).toContain(en.stepsCaption);
    expect(await main.textContent()).toContain(`${euros(credited, "en")} has been accepted`);
    await expectAccessible(page);
  });

  it("a supplier sees its contracts with balance bars and a contract without review actions", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "supplier", DEMO.suppliers[0]);
    expect(await page.getByRole("navigation").getByRole("link", { name: nl.navReviews }).count()).toBe(0);
    await page.getByRole("navigation").getByRole("link", { name: nl.navContracts }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(nl.listTitle);
    const bars = page.getByRole("img", { name: /van de verplichting/ });
    expect(await bars.count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByRole("link", { name: DEMO.contract.reference }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain(DEMO.contract.reference);
    expect(await page.getByRole("link", { name: nl.reviewLink }).count()).toBe(0);
    await expectAccessible(page);
  });

  it("the region's auditor reviews an entry with JavaScript off: plain forms only", async () => {
    const entry = await submitEntry("IJB-BROWSER-3");
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signIn(page, server.url, "auditor", DEMO.regionBody);
    await page.goto(`${server.url}/console/reviews`);
    await page.getByRole("link", { name: nl.reviewLinkLabel(entry.id) }).click();
    await page.getByLabel(nl.reason).fill("Bewijs gecontroleerd door de regio");
    await page.getByRole("button", { name: nl.accept }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain(nl.noticeAccepted);
    const stored = await server.api(`/v1/contracts/${contractId}/entries/${entry.id}`, {
      token: server.tokens.auditor,
    });
    expect(stored.body.review).toMatchObject({ decision: "accept", role: "auditor" });
  });

  it("the auditor filters the region's contracts by status and reaches the region's queue", async () => {
    const page = await browser.newPage({ width: 320 });
    await signIn(page, server.url, "auditor", DEMO.regionBody);
    await page.getByRole("navigation").getByRole("link", { name: nl.navContracts }).click();
    await page.getByLabel(nl.filterLabel).selectOption("behind");
    await page.getByRole("button", { name: nl.filterButton }).click();
    await expect.poll(() => page.url()).toContain("status=behind");
    const rows = page.getByRole("table", { name: nl.listCaption }).getByRole("row");
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    for (const status of await page.getByRole("table").locator(".utrecht-status-badge").allTextContents())
      expect(status).toBe(nl.statusBehind);
    // 320 px wide: the page does not scroll sideways (a table may, in its own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page);
    await page.getByRole("navigation").getByRole("link", { name: nl.navReviews }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(nl.queueTitle);
    await expectAccessible(page);
  });
});
