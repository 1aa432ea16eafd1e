import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
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

const server = useDemoServer(new Date("2026-07-03T10:00:00Z"), "console-auditor");

describeWithBrowser("the auditor's main job in the console", () => {
  const browser = useBrowser();

  it("checks the dashboard, publishes a policy version after its preview, issues a report and downloads it", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "auditor", DEMO.regionBody);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Overzicht");
    await expectAccessible(page);

    // The dashboard: a bar per municipality with its figures in words, the same figures in a table.
    await page.getByRole("navigation").getByRole("link", { name: "Regio-dashboard" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Dashboard");
    const table = page.getByRole("table", { name: /Vervulling per gemeente/ });
    await expect.poll(() => table.getByRole("row").count()).toBe(4);
    await expect
      .poll(() => page.getByRole("img", { name: /Gemeente Zwolle \(demo\): € .* gerealiseerd van/ }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByRole("table", { name: "Contracten met risico" }).getByRole("row").count())
      .toBeGreaterThan(1);
    await expectAccessible(page);
    // Another period through the plain GET form; a wrong month is named at its field.
    await page.getByLabel("Van maand").fill("2026-13");
    await page.getByRole("button", { name: "Toon" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("YYYY-MM");
    await expectAccessible(page);
    await page.getByRole("alert").getByRole("link").first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("field-from");
    await page.getByLabel("Van maand").fill("2026-01");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toContain("from=2026-01");

    // The rules: a new policy version, previewed before it is published.
    await page.getByRole("navigation").getByRole("link", { name: "Regels" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Regels");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Nieuwe beleidsversie opstellen" }).click();
    await expectAccessible(page);
    await page.getByLabel("Percentage social return").fill("6,5");
    await page.getByRole("button", { name: "Wijzigingen bekijken" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Wijzigingen controleren");
    const changes = page.getByRole("table", { name: /Wijzigingen/ });
    await expect
      .poll(() => changes.getByRole("row", { name: /Percentage social return/ }).textContent())
      .toMatch(/5 %.*6,5 %/);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Publiceren" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("Beleidsversie 2 is gepubliceerd");
    const versions = page.getByRole("table", { name: "Versies van het beleid" });
    await expect.poll(() => versions.getByRole("row").count()).toBe(3);

    // A catalogue version's building blocks.
    await page.getByRole("table", { name: "Versies van de catalogi" }).getByRole("link").first().click();
    await expect
      .poll(() => page.getByRole("table", { name: "Bouwblokken van deze versie" }).getByRole("row").count())
      .toBeGreaterThan(1);
    await expectAccessible(page);

    // Reports: issue one for the first half year, follow it until issued, download its PDF.
    await page.getByRole("navigation").getByRole("link", { name: "Rapportages" }).click();
    await expectAccessible(page);
    await page.getByLabel("Van maand").fill("2026-01");
    await page.getByLabel("Tot en met maand").fill("2026-06");
    await page.getByLabel("Waarover").selectOption("region");
    await page.getByRole("button", { name: "Rapportage uitgeven" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("De rapportage is aangevraagd");
    await expectAccessible(page);
    await expect
      .poll(
        async () => {
          if (await page.getByRole("link", { name: "Vernieuwen" }).count())
            await page.getByRole("link", { name: "Vernieuwen" }).click();
          return page.locator("h1").textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/^Rapportage OOST-NEDERLAND-2026-\d{4}$/);
    await expectAccessible(page);
    const number = (await page.locator("h1").textContent())!.replace("Rapportage ", "");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /^PDF/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const reportId = new URL(page.url()).pathname.split("/").at(-1)!;
    const report = await server.api(`/v1/reports/${reportId}`, { token: server.tokens.auditor });
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(report.body.digests.pdf);

    // The same page in English.
    await chooseLanguage(page, "en");
    await expect.poll(() => page.locator("h1").textContent()).toBe(`Report ${number}`);
    await expectAccessible(page);
    await page.getByRole("navigation").getByRole("link", { name: "Region dashboard" }).click();
    await expect
      .poll(() =>
        page
          .getByRole("table", { name: /Fulfilment per municipality/ })
          .getByRole("row")
          .count(),
      )
      .toBe(4);
    await expectAccessible(page);
  });
});
