import { expect, it } from "vitest";
import { DEMO } from "../../lib/seed/demo-ids.js";
import {
  chooseLanguage,
  describeWithBrowser,
  expectAccessible,
  signIn,
  useBrowser,
} from "../support/browser.js";
import { useDemoServer } from "../support/demo-server.js";

const server = useDemoServer(new Date("2026-07-03T10:00:00Z"), "console-auditor-catalogue");

describeWithBrowser("the auditor publishes a catalogue version", () => {
  const browser = useBrowser();

  it("changes a rate, adds a block, previews the blocks that change and publishes them", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "auditor", DEMO.regionBody);
    await page.getByRole("navigation").getByRole("link", { name: "Regels" }).click();
    await page.getByRole("table", { name: "Versies van de catalogi" }).getByRole("link").first().click();
    await page.getByRole("link", { name: "Nieuwe versie van deze catalogus opstellen" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Nieuwe versie van /);
    await expectAccessible(page);

    // A wrong rate comes back at its field, linked from the summary.
    await page.getByLabel("Naam van de nieuwe versie").fill("V06-2026-08");
    const first = page.getByRole("group").first();
    await first.getByLabel(/^Tarief/).fill("veel");
    await page.getByRole("button", { name: "Wijzigingen bekijken" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Tarief");
    await expectAccessible(page);

    await page
      .getByRole("group")
      .first()
      .getByLabel(/^Tarief/)
      .fill("31.000");
    const added = page.getByRole("group", { name: "Nieuw bouwblok" });
    await added.getByLabel("Code").fill("uren-test");
    await added.getByLabel("Soort").selectOption("hours");
    await added.getByLabel(/^Tarief/).fill("25,50");
    await page.getByRole("button", { name: "Wijzigingen bekijken" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Wijzigingen controleren");
    const changes = page.getByRole("table", { name: "Bouwblokken die veranderen" });
    await expect.poll(() => changes.getByRole("row").count()).toBe(3);
    await expect
      .poll(() => changes.getByRole("row", { name: /uren-test/ }).textContent())
      .toContain("€ 25,50 per uur");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Publiceren" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("Versie V06-2026-08 van de catalogus is gepubliceerd");
    await expect
      .poll(() => page.getByRole("table", { name: "Bouwblokken van deze versie" }).textContent())
      .toContain("uren-test");
    await expectAccessible(page);

    // The form again, in English.
    await page.getByRole("link", { name: "Nieuwe versie van deze catalogus opstellen" }).click();
    await chooseLanguage(page, "en");
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/^New version of /);
    await expectAccessible(page);
  });
});
