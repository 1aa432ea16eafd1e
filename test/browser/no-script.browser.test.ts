import { expect, it } from "vitest";
import { adminMessages } from "../../lib/console/admin/messages.js";
import { contractMessages } from "../../lib/console/contracts/messages.js";
import { common } from "../../lib/console/messages.js";
import { supplier as supplierMessages } from "../../lib/console/supplier/messages.js";
import { DEMO } from "../../lib/seed/demo-ids.js";
import { describeWithBrowser, signIn, useBrowser } from "../support/browser.js";
import { useDemoServer } from "../support/demo-server.js";
import { text, value } from "../support/polls.js";

const server = useDemoServer(new Date("2026-03-02T09:00:00Z"), "console-no-script");
const m = adminMessages.nl;

/** Every core flow works with plain HTML forms: the browser here runs no script (so no axe scan either). */
describeWithBrowser("the console without JavaScript", () => {
  const browser = useBrowser();

  it("an admin registers a supplier through plain forms, corrects what was refused and changes it", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signIn(page, server.url, "admin", DEMO.operator);

    await page.getByRole("navigation").getByRole("link", { name: m.navOrganisations }).click();
    await page.getByRole("link", { name: m.newOrganisation }).click();
    await page.getByLabel(m.kind).selectOption("supplier");
    await page.getByLabel(m.name, { exact: true }).fill("Houtbouw Raalte");
    await page.getByLabel(m.postcode).fill("8102 AB");
    await page.getByLabel(m.sizeClass).selectOption("small");
    await page.getByRole("button", { name: m.createOrganisation }).click();

    // Refused by the API (a supplier has a KvK number): the page comes back from the server with the
    // summary, the field's own message, and what was typed kept.
    const summary = page.getByRole("alert");
    await expect.poll(text(summary)).toContain(common.nl.errorSummaryTitle);
    expect(await summary.getByRole("link").first().getAttribute("href")).toBe("#field-kvk");
    expect(await page.getByLabel(m.kvk).getAttribute("aria-invalid")).toBe("true");
    await expect.poll(value(page.getByLabel(m.postcode))).toBe("8102 AB");

    await page.getByLabel(m.kvk).fill("12345678");
    await page.getByRole("button", { name: m.createOrganisation }).click();
    await expect.poll(text(page.getByRole("status"))).toBe(m.organisationCreated);
    await expect.poll(text(page.getByRole("heading", { level: 1 }))).toBe("Houtbouw Raalte");
    await expect.poll(value(page.getByLabel(m.sizeClass))).toBe("small");

    await page.getByLabel(m.sbiCode).fill("4332");
    await page.getByRole("button", { name: m.save }).click();
    await expect.poll(text(page.getByRole("status"))).toBe(m.organisationSaved);
    await expect.poll(value(page.getByLabel(m.sbiCode))).toBe("4332");
  });

  it("a supplier reports a realisation and the buyer's officer accepts it, through plain forms", async () => {
    const sm = supplierMessages.nl;
    const cm = contractMessages.nl;
    const supplier = await browser.newPage({ javaScriptEnabled: false });
    await signIn(supplier, server.url, "supplier", DEMO.suppliers[0]);
    await supplier.getByRole("link", { name: sm.reportRealisation(DEMO.contract.reference) }).click();
    await supplier.getByRole("link", { name: sm.newEntryLink }).click();
    await supplier.getByLabel(sm.fieldBlock).selectOption("work-experience");
    await supplier.getByLabel(sm.fieldCandidate).fill("NS-001");
    await supplier.getByLabel(sm.fieldStart).fill("2026-02-02");
    await supplier.getByLabel(sm.fieldEnd).fill("2026-02-27");
    await supplier.getByLabel(sm.fieldPeriod).fill("2026-02");
    await supplier.getByRole("button", { name: sm.submitEntry }).click();
    await expect.poll(text(supplier.getByRole("main"))).toContain("NS-001");
    const entries = await server.api(`/v1/contracts/${DEMO.contract.id}/entries?limit=500`, {
      token: server.tokens.supplier,
    });
    const entry = entries.body.items.find(
      (e: { candidateRef: string | null }) => e.candidateRef === "NS-001",
    );
    expect(entry).toBeDefined();

    const officer = await browser.newPage({ javaScriptEnabled: false });
    await signIn(officer, server.url, "officer", DEMO.municipalities[0]);
    await officer.getByRole("navigation").getByRole("link", { name: cm.navReviews }).click();
    await officer.getByRole("link", { name: cm.reviewLinkLabel(entry.id) }).click();
    await officer.getByLabel(cm.reason).fill("Stageovereenkomst gezien");
    await officer.getByRole("button", { name: cm.accept }).click();
    await expect.poll(text(officer.getByRole("status"))).toContain(cm.noticeAccepted);
    const stored = await server.api(`/v1/contracts/${DEMO.contract.id}/entries/${entry.id}`, {
      token: server.tokens.officer,
    });
    expect(stored.body.review).toMatchObject({ decision: "accept", role: "officer" });
  });
});
