import { expect, it } from "vitest";
import { inLang } from "../../lib/console/i18n.js";
import { officer } from "../../lib/console/officer/messages.js";
import { clock, DEMO, tokenFor } from "../support/api.js";
import {
  chooseLanguage,
  describeWithBrowser,
  expectAccessible,
  fillByLabel,
  fillGroup,
  signIn,
  useBrowser,
} from "../support/browser.js";
import { evaluatedTender, useDemoServer } from "../support/demo-server.js";

/**
 * The officer's other tender work through the pages: a tender in lots with the procedure fields, a
 * publication refused at the draft's field, cancelling with a reason, and a score correction
 * proposed on the evaluation page. Bids and committee scores go in through the API.
 */

const START = new Date("2026-06-01T08:00:00Z");
const server = useDemoServer(START, "console-officer-more");
const m = inLang(officer, "nl");
const ZWOLLE = DEMO.municipalities[0];

describeWithBrowser("the officer's procedure, lots, cancelling and score corrections", () => {
  const browser = useBrowser();

  it("builds a tender in lots, sees a publication refused at the procedure, fixes it and cancels the tender", async () => {
    clock.set(START);
    const page = await browser.newPage();
    await signIn(page, server.url, "officer", ZWOLLE);
    await page.goto(`${server.url}/console/tenders/new`);
    await fillByLabel(page, {
      [m.reference]: "ZW-2026-PERCELEN",
      [m.title]: "Groenonderhoud in percelen",
      [m.cpvCode]: "77310000-6",
      [m.startDate]: "2026-09-01",
      [m.endDate]: "2027-08-31",
      [m.submissionDeadline]: "2026-07-01T12:00",
      [m.standstillDays]: "20",
    });
    await page.getByLabel(m.contractType, { exact: true }).selectOption("services");
    await page.getByLabel(m.procedure, { exact: true }).selectOption("national-open");
    await fillByLabel(
      page
        .getByRole("group", { name: m.stepModel, exact: true })
        .getByRole("group", { name: m.criterion(1), exact: true }),
      { [m.criterionName]: "Plan van aanpak", [m.maxPoints]: "60" },
    );
    await fillGroup(page, m.lotRow(1), { [m.lotTitle]: "Noord", [m.lotValue]: "600.000" });
    await page.getByRole("button", { name: m.addLot }).click();
    await fillGroup(page, m.lotRow(2), { [m.lotTitle]: "Zuid", [m.lotValue]: "500.000" });
    await page
      .getByRole("group", { name: m.lotRow(2), exact: true })
      .getByLabel(m.lotOwnModel, { exact: true })
      .check();
    await page.getByRole("button", { name: m.refreshForm }).click();
    const own = page.getByRole("group", { name: m.lotModel(2), exact: true });
    await expect.poll(() => own.count()).toBe(1);
    await expectAccessible(page);
    await own.getByLabel(m.method, { exact: true }).selectOption("weighted-points");
    await own.getByLabel(m.priceFormula, { exact: true }).selectOption("relative-lowest");
    await fillByLabel(own, { [m.priceMaxPoints]: "70" });
    await fillByLabel(own.getByRole("group", { name: m.criterion(1), exact: true }), {
      [m.criterionName]: "Biodiversiteit",
      [m.maxPoints]: "30",
    });
    await page.getByRole("button", { name: m.saveDraft }).click();
    await expect.poll(() => page.getByText(m.saved).count()).toBe(1);
    expect(await page.getByText(m.procedures("national-open")).count()).toBe(1);
    await expectAccessible(page);

    // Above the EU threshold a national procedure is refused: the draft comes back with the error at its field.
    await page.getByRole("button", { name: m.publish }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    expect(await page.getByText(m.publishRefused).count()).toBe(1);
    expect(await page.locator("#field-procedure").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await page
      .getByRole("link", { name: /procedure/i })
      .first()
      .click();
    await page.getByLabel(m.procedure, { exact: true }).selectOption("open");
    await page.getByRole("button", { name: m.saveDraft }).click();
    await expect.poll(() => page.getByText(m.saved).count()).toBe(1);
    await page.getByRole("button", { name: m.publish }).click();
    await expect.poll(() => page.getByText(m.phases("published"), { exact: true }).count()).toBe(1);

    // Cancelling needs a reason.
    await page.getByRole("link", { name: m.cancelTender }).click();
    await expectAccessible(page);
    await page.getByRole("button", { name: m.cancelConfirm }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel(m.cancelReason, { exact: true }).fill("De raad heeft het budget ingetrokken.");
    await page.getByRole("button", { name: m.cancelConfirm }).click();
    await expect.poll(() => page.getByText(m.cancelled).count()).toBe(1);
    expect(await page.getByText(m.cancelledBecause("De raad heeft het budget ingetrokken.")).count()).toBe(1);
    await expectAccessible(page);
    await chooseLanguage(page, "en");
    expect(await page.getByText(inLang(officer, "en").procedureOf).count()).toBeGreaterThan(0);
    await expectAccessible(page);
  }, 120_000);

  it("proposes a score correction with a reason on the evaluation page", async () => {
    const token = await tokenFor("officer", ZWOLLE, `demo-officer-${ZWOLLE}`);
    const id = await evaluatedTender(
      server,
      START,
      token,
      "ZW-2026-VERBETER",
      DEMO.suppliers.map((s, i) => [s, 1_900_000 + i * 200_000] as const),
    );

    const page = await browser.newPage();
    await signIn(page, server.url, "officer", ZWOLLE);
    await page.goto(`${server.url}/console/tenders/${id}/lots/1/evaluation`);
    expect(await page.getByText(m.correctionsNone).count()).toBe(1);
    await expectAccessible(page);
    const form = page.getByRole("form", { name: m.proposeCorrection });
    await form.getByLabel(m.chooseBid, { exact: true }).selectOption(DEMO.suppliers[2]);
    await form.getByLabel(m.correctionScore("Klimaatadaptatie"), { exact: true }).fill("9");
    await form
      .getByLabel(m.correctionJustification("Klimaatadaptatie"), { exact: true })
      .fill("De bijlage over waterberging is gemist.");
    await form.getByRole("button", { name: m.proposeCorrection }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    expect(await page.locator("#field-correction-reason").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await page
      .getByRole("form", { name: m.proposeCorrection })
      .getByLabel(m.correctionReason, { exact: true })
      .fill("De commissie miste een bijlage.");
    await page
      .getByRole("form", { name: m.proposeCorrection })
      .getByRole("button", { name: m.proposeCorrection })
      .click();
    await expect.poll(() => page.getByText(m.correctionProposed).count()).toBe(1);
    const table = page.getByRole("table", { name: m.correctionsCaption });
    expect(await table.locator("tbody tr").first().textContent()).toContain("Klimaatadaptatie: 7 → 9");
    expect(await page.getByRole("button", { name: m.withdraw(DEMO.suppliers[2]) }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole("button", { name: m.withdraw(DEMO.suppliers[2]) }).click();
    await expect.poll(() => page.getByText(m.correctionWithdrawn).count()).toBe(1);
    await expectAccessible(page);
  }, 120_000);
});
