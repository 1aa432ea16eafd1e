import { expect, it } from "vitest";
import { DAY_MS, toAmsterdamLocal } from "../../lib/domain/amsterdam-time.js";
import { demoTenderBody } from "../../lib/seed/demo-tender.js";
import { DEMO } from "../support/api.js";
import {
  chooseLanguage,
  describeWithBrowser,
  expectAccessible,
  signIn,
  useBrowser,
} from "../support/browser.js";
import { useDemoServer } from "../support/demo-server.js";

const NOW = new Date("2026-03-02T09:00:00Z");
const server = useDemoServer(NOW, "console-supplier-browser");
const SUPPLIER = DEMO.suppliers[0]; // IJsselbouw: holds the demo contract ZW-DEMO-SROI-001
const REFERENCE = "ZW-BROWSER-SUP-1";

/** The officer publishes a tender open for two weeks, through the API (the officer's pages are another scenario). */
async function publishOpenTender(): Promise<string> {
  const body = await demoTenderBody(NOW.getTime());
  const created = await server.api("/v1/tenders", {
    method: "POST",
    token: server.tokens.officer,
    headers: { "idempotency-key": `browser-${REFERENCE}` },
    json: {
      ...body,
      reference: REFERENCE,
      submissionDeadline: toAmsterdamLocal(NOW.getTime() + 14 * DAY_MS).slice(0, 16),
    },
  });
  expect(created.status).toBe(201);
  const published = await server.api(`/v1/tenders/${created.body.id}/publish`, {
    method: "POST",
    token: server.tokens.officer,
  });
  expect(published.status).toBe(200);
  return created.body.id;
}

describeWithBrowser("a supplier bids on an open tender and reports realisation on its contract", () => {
  const browser = useBrowser();

  it("bids with a valued social-return offer, then sees the bid in its list", async () => {
    await publishOpenTender();
    const page = await browser.newPage();
    await signIn(page, server.url, "supplier", SUPPLIER);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Bekijk de open aanbestedingen" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Open aanbestedingen");
    await expectAccessible(page);
    await page.getByRole("link", { name: REFERENCE }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(`Inschrijven op ${REFERENCE}`);
    await expectAccessible(page);

    await page.getByLabel("Inschrijfprijs in euro's (exclusief btw)").fill("1.950.000");
    const line = page.getByRole("group", { name: "Regel 1" });
    await line.getByLabel("Bouwblok").selectOption("register");
    await line.getByLabel("FTE").fill("1");
    await line.getByLabel("Maanden").fill("30");
    await page.getByRole("button", { name: "Aanbod waarderen" }).click();
    const values = page.getByRole("table", { name: "Waarde per regel van uw aanbod social return" });
    await expect.poll(() => values.getByRole("row").count()).toBe(3); // header, the line, the total
    expect(await values.textContent()).toContain("€");
    await expect
      .poll(() => page.getByLabel("Inschrijfprijs in euro's (exclusief btw)").inputValue())
      .toBe("1.950.000");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Inschrijving indienen" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Uw inschrijving is ingediend.");
    await expect.poll(() => page.getByRole("button", { name: "Inschrijving wijzigen" }).count()).toBe(1);

    await page.getByRole("navigation").getByRole("link", { name: "Mijn inschrijvingen" }).click();
    const bids = page.getByRole("table", { name: "Uw inschrijvingen" });
    await expect.poll(() => bids.textContent()).toContain(REFERENCE);
    await expectAccessible(page);
    await chooseLanguage(page, "en");
    await expect.poll(() => page.locator("h1").textContent()).toBe("My bids");
    await expectAccessible(page);
  });

  // Where the asset build serves browser scripts (the page adds the script only then).
  it("values the offer as the supplier types, without a button", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "supplier", DEMO.suppliers[1]);
    await page.goto(`${server.url}/console/supplier/tenders`);
    await page.getByRole("link", { name: REFERENCE }).click();
    await page.getByLabel("Inschrijfprijs in euro's (exclusief btw)").fill("2.000.000");
    const line = page.getByRole("group", { name: "Regel 2" });
    await line.getByLabel("Bouwblok").selectOption("register");
    await line.getByLabel("FTE").fill("1");
    await line.getByLabel("Maanden").fill("12");
    const values = page.getByRole("table", { name: "Waarde per regel van uw aanbod social return" });
    await expect.poll(() => values.getByRole("row").count(), { timeout: 5000 }).toBe(3);
    // The row is the form's own (line 2), and the share of the price is said in words.
    expect(await values.getByRole("row").nth(1).getByRole("cell").first().textContent()).toBe("2");
    await expect.poll(() => page.locator("#offer-value").textContent()).toMatch(/van uw inschrijfprijs/);
    await line.getByLabel("Maanden").fill("24");
    await expect.poll(() => page.locator("#offer-value").textContent()).toContain("€ 80.000,00");
    await expectAccessible(page);
  });

  it("reports a realisation with the form, corrects a refused field, and uploads a CSV file", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "supplier", SUPPLIER);
    await page.getByRole("link", { name: `Realisatie melden voor ${DEMO.contract.reference}` }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(`Realisatie ${DEMO.contract.reference}`);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Realisatie melden" }).click();
    await page.getByLabel("Bouwblok").selectOption("work-experience");
    await page.getByLabel("Kandidaat (uw pseudoniem)").fill("BRW-001");
    await page.getByLabel("Eerste dag").fill("2026-01-05");
    await page.getByLabel("Laatste dag").fill("2026-01-30");
    await page.getByLabel("Verantwoordingsperiode").fill("januari");
    await page.getByRole("button", { name: "Melding indienen" }).click();
    // Refused: the summary links to the field, which says why.
    const summary = page.getByRole("alert");
    await expect.poll(() => summary.count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await summary.getByRole("link").first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("field-period");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("2026-01");
    await page.getByRole("button", { name: "Melding indienen" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Uw melding is ingediend");
    const entries = page.getByRole("table", { name: "Uw meldingen op dit contract, oudste eerst" });
    await expect.poll(() => entries.textContent()).toContain("BRW-001");

    await page.getByRole("link", { name: "CSV-bestand uploaden" }).click();
    await expectAccessible(page);
    await page.getByLabel("CSV-bestand").setInputFiles({
      name: "februari.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "blockId;candidateRef;startDate;endDate;period\nwork-experience;BRW-010;2026-02-02;2026-02-27;2026-02\nwork-experience;BRW-011;2026-02-02;2026-02-27;2026-02\n",
      ),
    });
    await page.getByRole("button", { name: "Bestand uploaden" }).click();
    const result = page.getByRole("table", { name: "Resultaat per regel van het bestand" });
    await expect.poll(() => result.getByRole("row").count()).toBe(3);
    expect(await page.getByRole("status").first().textContent()).toContain("2 meldingen zijn opgeslagen.");
    await expectAccessible(page);

    await page.getByRole("navigation").getByRole("link", { name: "Mijn overzicht" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mijn overzicht social return");
    await expectAccessible(page);
  });
});
