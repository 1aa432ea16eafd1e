import { expect, it } from "vitest";
import { inLang } from "../../lib/console/i18n.js";
import { officer } from "../../lib/console/officer/messages.js";
import { clock, DEMO, newKey, tokenFor } from "../support/api.js";
import {
  chooseLanguage,
  describeWithBrowser,
  expectAccessible,
  fillByLabel,
  fillGroup,
  signIn,
  useBrowser,
} from "../support/browser.js";
import { useDemoServer } from "../support/demo-server.js";

/**
 * An officer's tender from draft to award through the pages, as a user would: the wizard with its
 * what-if, publishing, the sealed bid count, opening after the deadline, the committee's scores,
 * the evaluation's breakdowns, the intended and the final award. The suppliers' bids go in through
 * the API; the clock moves past the deadline and the standstill.
 */

const START = new Date("2026-04-06T08:00:00Z");
const server = useDemoServer(START, "console-officer");
const m = inLang(officer, "nl");

describeWithBrowser("the officer's tender from draft to award", () => {
  const browser = useBrowser();

  it("creates, publishes, opens, scores, evaluates and awards a tender", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "officer", DEMO.municipalities[0]);
    await expect.poll(() => page.locator("h1").textContent()).toBe(m.homeTitle);
    await expectAccessible(page);

    // The wizard: details, the award model, and the what-if on sample bids.
    await page.getByRole("link", { name: m.newTender }).first().click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(m.wizardNewTitle);
    await expectAccessible(page);
    await fillByLabel(page, {
      [m.reference]: "ZW-2026-100",
      [m.title]: "Onderhoud fietspaden Zwolle",
      [m.cpvCode]: "45233140-2",
      [m.estimatedValue]: "1.500.000",
      [m.startDate]: "2026-07-01",
      [m.endDate]: "2028-06-30",
      [m.submissionDeadline]: "2026-04-20T12:00",
    });
    await page.getByLabel(m.contractType, { exact: true }).selectOption("works");
    await fillGroup(page, m.criterion(1), { [m.criterionName]: "Plan van aanpak", [m.maxPoints]: "30" });
    await fillGroup(page, m.criterion(2), { [m.criterionName]: "Klimaat", [m.maxPoints]: "30" });
    const samples = [
      ["A", "1.000.000", "6", "5"],
      ["B", "1.200.000", "9", "8"],
      ["C", "1.100.000", "5", "5"],
    ] as const;
    for (const [label, price, plan, climate] of samples)
      await fillGroup(page, m.sampleBid(label), {
        [m.samplePrice]: price,
        [m.sampleScore(m.criterion(1))]: plan,
        [m.sampleScore(m.criterion(2))]: climate,
      });
    await page.getByRole("button", { name: m.showRanking }).click();
    const ranking = page.getByRole("table", { name: m.rankingCaption });
    await expect.poll(() => ranking.isVisible()).toBe(true);
    expect(await ranking.locator("tbody tr").first().textContent()).toContain("B");
    // The relative price formula's warning, in plain words, and each sample's bar with its figures.
    expect(await page.getByText(m.warnRelative).count()).toBe(1);
    expect(await page.getByRole("img", { name: /Voorbeeld|Inschrijving B/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.getByRole("button", { name: m.saveDraft }).click();
    await expect.poll(() => page.getByText(m.saved).count()).toBe(1);
    expect(await page.locator("h1").textContent()).toBe("ZW-2026-100: Onderhoud fietspaden Zwolle");
    await expectAccessible(page);
    const tenderUrl = page.url().split("?")[0]!;
    const tenderId = decodeURIComponent(tenderUrl.split("/").pop()!);

    // Publish; the suppliers bid through the API; the officer sees only the count while sealed.
    await page.getByRole("button", { name: m.publish }).click();
    await expect.poll(() => page.getByText(m.phases("published"), { exact: true }).count()).toBe(1);
    const prices = [1_000_000, 1_200_000, 1_100_000];
    for (const [i, supplier] of DEMO.suppliers.entries()) {
      const bid = await server.api(`/v1/tenders/${tenderId}/bids`, {
        method: "POST",
        token: await tokenFor("supplier", supplier),
        json: { price: { amount: prices[i], currency: "EUR" } },
        headers: { "idempotency-key": newKey() },
      });
      expect(bid.status).toBe(201);
    }
    await page.reload();
    expect(await page.getByText(m.bidCountSealed(3)).count()).toBe(1);
    expect(await page.getByRole("table", { name: m.bidsCaption }).count()).toBe(0);

    // The deadline passes: open the bids.
    clock.set(new Date("2026-04-20T10:01:00Z"));
    await page.reload();
    await page.getByRole("button", { name: m.open }).click();
    await expect.poll(() => page.getByText(m.opened).count()).toBe(1);
    await expectAccessible(page);

    // The committee scores each bid with a justification.
    const scores: Record<string, [string, string]> = {
      [DEMO.suppliers[0]]: ["6", "5"],
      [DEMO.suppliers[1]]: ["9", "8"],
      [DEMO.suppliers[2]]: ["5", "5"],
    };
    for (const [bidId, [plan, climate]] of Object.entries(scores)) {
      await page.getByRole("link", { name: m.scoreBid(bidId) }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe(m.scoringTitle(bidId));
      if (bidId === DEMO.suppliers[0]) {
        // Without a justification the API refuses, and the error sits at the field.
        await page.getByLabel(m.scoreLabel("Plan van aanpak", 0, 10)).fill(plan);
        await page.getByLabel(m.scoreLabel("Klimaat", 0, 10)).fill(climate);
        await page.getByRole("button", { name: m.saveScores }).click();
        await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
        await expectAccessible(page);
      }
      await page.getByLabel(m.scoreLabel("Plan van aanpak", 0, 10)).fill(plan);
      await page
        .getByLabel(m.justification("Plan van aanpak"))
        .fill("Helder plan met een realistische planning.");
      await page.getByLabel(m.scoreLabel("Klimaat", 0, 10)).fill(climate);
      await page.getByLabel(m.justification("Klimaat")).fill("Maatregelen voor hittestress zijn uitgewerkt.");
      await page.getByRole("button", { name: m.saveScores }).click();
      await expect.poll(() => page.getByText(m.scoresSaved).count()).toBe(1);
    }
    expect(await page.getByText(m.notScored).count()).toBe(0);

    // Evaluate: the ranking, each bid's bar with its table, and the intended award.
    await page.getByRole("button", { name: m.evaluate }).click();
    await expect.poll(() => page.getByText(m.evaluated).count()).toBe(1);
    const stored = page.getByRole("table", { name: m.bidsRankingCaption });
    expect(await stored.locator("tbody tr").first().textContent()).toContain(DEMO.suppliers[1]);
    expect(
      await page.getByRole("img", { name: new RegExp(`Inschrijving ${DEMO.suppliers[1]}:`) }).count(),
    ).toBe(1);
    expect(await page.getByRole("table", { name: m.breakdownOf(DEMO.suppliers[1]) }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole("button", { name: m.recordIntended }).click();
    await expect.poll(() => page.getByText(m.intendedRecorded).count()).toBe(1);

    // After the standstill the award becomes final.
    clock.set(new Date("2026-06-01T08:00:00Z"));
    await page.reload();
    await page.getByRole("button", { name: m.awardFinal }).click();
    await expect.poll(() => page.getByText(m.awarded).count()).toBe(1);
    expect(await page.getByRole("link", { name: m.viewContract }).count()).toBe(1);
    await expectAccessible(page);
    await chooseLanguage(page, "en");
    expect(await page.getByText(inLang(officer, "en").awardFinal).count()).toBe(0);
    await expectAccessible(page);
  }, 120_000);

  it("updates the what-if ranking as the officer types, without a button", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "officer", DEMO.municipalities[1]);
    await page.goto(`${server.url}/console/tenders/new`);
    await fillGroup(page, m.criterion(1), { [m.criterionName]: "Plan van aanpak", [m.maxPoints]: "60" });
    await fillGroup(page, m.sampleBid("A"), {
      [m.samplePrice]: "900.000",
      [m.sampleScore(m.criterion(1))]: "4",
    });
    await fillGroup(page, m.sampleBid("B"), {
      [m.samplePrice]: "1.000.000",
      [m.sampleScore(m.criterion(1))]: "9",
    });
    const ranking = page.getByRole("table", { name: m.rankingCaption });
    await expect.poll(() => ranking.count(), { timeout: 10_000 }).toBe(1);
    expect(await ranking.locator("tbody tr").first().textContent()).toContain("B");
    // A change of the model re-ranks: with price weighing everything, A wins.
    await fillGroup(page, m.criterion(1), { [m.maxPoints]: "1" });
    await page.getByLabel(m.priceMaxPoints, { exact: true }).fill("99");
    await expect
      .poll(async () => (await ranking.locator("tbody tr").first().textContent()) ?? "", {
        timeout: 10_000,
      })
      .toContain("A");
    expect(page.url()).toBe(`${server.url}/console/tenders/new`);
    await expectAccessible(page);
  }, 60_000);
});
