import { expect, it } from "vitest";
import { adminMessages } from "../../lib/console/admin/messages.js";
import { common } from "../../lib/console/messages.js";
import { DEMO } from "../../lib/seed/demo-ids.js";
import {
  chooseLanguage,
  describeWithBrowser,
  expectAccessible,
  signIn,
  useBrowser,
} from "../support/browser.js";
import { useDemoServer } from "../support/demo-server.js";
import { count, invalid, text, value } from "../support/polls.js";

const server = useDemoServer(new Date("2026-03-02T09:00:00Z"), "console-admin");
const m = adminMessages.nl;

describeWithBrowser("the admin manages regions and organisations", () => {
  const browser = useBrowser();

  it("adds a region, a municipality in it (after fixing what the API refused) and changes it", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "admin", DEMO.operator);
    await expect.poll(text(page.getByRole("heading", { level: 1 }))).toBe(common.nl.homeTitle);
    await expect
      .poll(text(page.getByRole("table", { name: m.homeOrganisationsCaption })))
      .toContain(m.kindMunicipality);
    await expectAccessible(page);

    // A region: the empty name comes back with the API's error tied to the field and in the summary.
    await page.getByRole("navigation").getByRole("link", { name: m.navRegions }).click();
    await expect.poll(text(page.getByRole("table", { name: m.regionsCaption }))).toContain(DEMO.region);
    await expectAccessible(page);
    await page.getByRole("link", { name: m.newRegion }).click();
    await expectAccessible(page);
    await page.getByRole("button", { name: m.createRegion }).click();
    const summary = page.getByRole("alert");
    await expect.poll(text(summary)).toContain(common.nl.errorSummaryTitle);
    await expect.poll(invalid(page.getByLabel(m.regionName))).toBe("true");
    await expectAccessible(page);
    await summary.getByRole("link").first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("field-name");
    await page.keyboard.type("Regio IJsselvallei");
    await page.getByLabel(m.regionId).fill("ijsselvallei");
    await page.getByRole("button", { name: m.createRegion }).click();
    await expect.poll(text(page.getByRole("status"))).toBe(m.regionCreated);
    await expect
      .poll(text(page.getByRole("table", { name: m.regionsCaption })))
      .toContain("Regio IJsselvallei");

    // A municipality without its region is refused by the API's rule; with it, it is created.
    await page.getByRole("navigation").getByRole("link", { name: m.navOrganisations }).click();
    await expectAccessible(page);
    await page.getByRole("link", { name: m.newOrganisation }).click();
    await page.getByLabel(m.kind).selectOption("municipality");
    await page.getByLabel(m.name, { exact: true }).fill("Gemeente Heerde");
    await page.getByLabel(m.cbsCode).fill("GM0246");
    await page.getByRole("button", { name: m.createOrganisation }).click();
    await expect.poll(invalid(page.getByLabel(m.region))).toBe("true");
    await expect.poll(value(page.getByLabel(m.name, { exact: true }))).toBe("Gemeente Heerde");
    await expectAccessible(page);
    await page.getByLabel(m.region).selectOption({ label: "Regio IJsselvallei" });
    await page.getByRole("button", { name: m.createOrganisation }).click();
    await expect.poll(text(page.getByRole("heading", { level: 1 }))).toBe("Gemeente Heerde");
    await expect.poll(text(page.getByRole("status"))).toBe(m.organisationCreated);
    await expectAccessible(page);

    // A change: a code in the wrong form is named by the API; then saved as version 2.
    await page.getByLabel(m.name, { exact: true }).fill("Gemeente Heerde (Gelderland)");
    await page.getByLabel(m.cbsCode).fill("0246");
    await page.getByRole("button", { name: m.save }).click();
    await expect.poll(invalid(page.getByLabel(m.cbsCode))).toBe("true");
    await expectAccessible(page);
    await page.getByLabel(m.cbsCode).fill("GM0246");
    await page.getByRole("button", { name: m.save }).click();
    await expect.poll(text(page.getByRole("status"))).toBe(m.organisationSaved);
    await expect.poll(text(page.getByRole("heading", { level: 1 }))).toBe("Gemeente Heerde (Gelderland)");
    await expect.poll(text(page.locator("dl"))).toContain("2");

    // The region's organisations: the filter keeps only the new municipality.
    await page.getByRole("link", { name: "Regio IJsselvallei" }).click();
    const rows = page.getByRole("table", { name: m.organisationsCaption }).locator("tbody tr");
    await expect.poll(count(rows)).toBe(1);
    await expect.poll(text(rows)).toContain("Gemeente Heerde (Gelderland)");

    await chooseLanguage(page, "en");
    await expect
      .poll(text(page.getByRole("heading", { level: 1 })))
      .toBe(adminMessages.en.organisationsTitle);
    await expectAccessible(page);
  });

  it("shows the change someone else saved first instead of overwriting it", async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, "admin", DEMO.operator);
    await page.goto(`${server.url}/console/admin/organisations/${DEMO.suppliers[1]}`);
    await page.getByLabel(m.sbiCode).fill("8121");
    // Meanwhile the same organisation is renamed through the API.
    const current = await server.api(`/v1/organisations/${DEMO.suppliers[1]}`, {
      token: server.tokens.admin,
    });
    const renamed = await server.api(`/v1/organisations/${DEMO.suppliers[1]}`, {
      method: "PATCH",
      token: server.tokens.admin,
      json: { name: "Groenwerk Twente BV", version: current.body.version },
    });
    expect(renamed.status).toBe(200);
    await page.getByRole("button", { name: m.save }).click();
    await expect.poll(text(page.getByRole("alert"))).toContain(m.conflict);
    await expect.poll(value(page.getByLabel(m.sbiCode))).toBe("8121");
    await page.getByRole("button", { name: m.save }).click();
    await expect.poll(text(page.getByRole("status"))).toBe(m.organisationSaved);
    await expect.poll(value(page.getByLabel(m.sbiCode))).toBe("8121");
  });
});
