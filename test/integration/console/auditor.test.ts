import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../lib/console/i18n.js";
import { drainLocalJobs } from "../../../lib/jobs/local.js";
import { call, DEMO, seedDemo, useClock } from "../../support/api.js";
import { consoleVisitor, formValues, hiddenValue, openAs, textOf, type Visitor } from "./support.js";

/**
 * The auditor's pages rendered by the console's handler over the API's own handlers on dynalite:
 * the region dashboard shows the API's figures, a policy version is published only after its
 * preview and exactly as previewed, and a report is issued and downloaded with the API's bytes.
 */

useClock(new Date("2026-07-03T10:00:00Z"));
const tokens = await seedDemo();

const auditor = () => consoleVisitor("auditor", DEMO.regionBody);

async function policyVersions() {
  const res = await call("GET", `/v1/sroi/policies/${DEMO.region}`, { token: tokens.auditor });
  expect(res.status).toBe(200);
  return res.body.versions as { version: number; percent: number; threshold: { amount: number } }[];
}

/** The policy form as the latest version fills it, with some fields changed. */
async function policyForm(who: Visitor, changes: Record<string, string>) {
  const page = await openAs(who, "/console/rules/policy/new");
  expect(page.status).toBe(200);
  const values = formValues(page.html);
  values.note = "";
  return { ...values, ...changes };
}

describe("region dashboard", () => {
  it("shows fulfilment per municipality, contracts at risk and data-quality flags as the API computes them", async () => {
    const figures = await call(
      "GET",
      `/v1/regions/${DEMO.region}/figures?from=2026-01&to=2026-06&scope=region`,
      {
        token: tokens.auditor,
      },
    );
    expect(figures.status).toBe(200);
    const page = await openAs(await auditor(), "/console/region?from=2026-01&to=2026-06");
    expect(page.status).toBe(200);
    const body = textOf(page.html);
    expect(page.html.match(/<h1/g)).toHaveLength(1);
    expect(figures.body.byMunicipality.length).toBeGreaterThan(1);
    for (const g of figures.body.byMunicipality) {
      const realised = formatMoney(g.current.cumulativeAcceptedCents, "nl");
      const obligation = formatMoney(g.current.obligationCents, "nl");
      // The bar says it in words, and the table row has the same figures.
      expect(page.html).toContain(
        `aria-label="${g.name}: ${realised} gerealiseerd van ${obligation} verplichting`,
      );
      expect(body).toContain(`${g.name} ${g.contracts} ${obligation} ${realised}`);
    }
    expect(figures.body.atRisk.length).toBeGreaterThan(0);
    for (const r of figures.body.atRisk) {
      const contract = figures.body.contracts.find(
        (c: { contractId: string }) => c.contractId === r.contractId,
      );
      expect(page.html).toContain(`href="/console/contracts/${r.contractId}"`);
      expect(body).toContain(contract.reference);
      expect(body).toContain(formatMoney(r.shortfallCents, "nl"));
    }
    expect(figures.body.dataQuality.length).toBeGreaterThan(0);
    const from = page.html.indexOf("Signalen over datakwaliteit per contract");
    const flags = page.html.slice(from, page.html.indexOf("</table>", from));
    expect(flags.match(/<tr class="utrecht-table__row">/g)).toHaveLength(figures.body.dataQuality.length + 1);
    expect(body).toContain("Impactmonitor");
  });

  it("shows the API's errors at the period's fields and links to them from the summary", async () => {
    const page = await openAs(await auditor(), "/console/region?from=2026-13&to=2026-06");
    expect(page.status).toBe(400);
    expect(page.html).toContain('href="#field-from"');
    expect(page.html).toMatch(/id="field-from"[^>]*aria-invalid="true"/);
  });

  it("is the auditor's: an officer is refused", async () => {
    const page = await openAs(await consoleVisitor("officer", DEMO.municipalities[0]), "/console/region");
    expect(page.status).toBe(403);
  });

  it("puts the contracts at risk on the auditor's home, in English when chosen", async () => {
    const page = await openAs(await consoleVisitor("auditor", DEMO.regionBody, "en"), "/console/");
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain("Contracts that need attention");
    expect(page.html).toContain('href="/console/region"');
  });
});

describe("publishing a policy version", () => {
  it("previews the changes without publishing, then publishes exactly what was previewed, once", async () => {
    const who = await auditor();
    const before = await policyVersions();
    const latest = before.at(-1)!;
    const preview = await openAs(
      who,
      "/console/rules/policy/preview",
      await policyForm(who, { percent: "6,5" }),
    );
    expect(preview.status).toBe(200);
    const changes = textOf(
      preview.html.slice(preview.html.indexOf("<table"), preview.html.indexOf("</table>")),
    );
    expect(changes).toContain(`Percentage social return ${latest.percent} % 6,5 %`);
    expect(changes).not.toContain("Drempelwaarde");
    expect(await policyVersions()).toHaveLength(before.length);

    const confirm = {
      _idempotency: hiddenValue(preview.html, "_idempotency"),
      _policy: hiddenValue(preview.html, "_policy"),
      _base: hiddenValue(preview.html, "_base"),
      _action: "publish",
    };
    const published = await openAs(who, "/console/rules/policy/publish", confirm);
    expect(published.status, textOf(published.html)).toBe(303);
    expect(published.location).toBe(`/console/rules?notice=published&version=${latest.version + 1}`);
    // A second click on the same form replays the API's answer instead of publishing again.
    const again = await openAs(who, "/console/rules/policy/publish", confirm);
    expect(again.status).toBe(303);
    const after = await policyVersions();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      version: latest.version + 1,
      percent: 6.5,
      threshold: latest.threshold,
    });
    const rules = await openAs(who, published.location);
    expect(textOf(rules.html)).toContain(`Beleidsversie ${latest.version + 1} is gepubliceerd.`);
  });

  it("does not publish a preview made against a version that has since been superseded", async () => {
    const who = await auditor();
    const preview = await openAs(
      who,
      "/console/rules/policy/preview",
      await policyForm(who, { reviewDays: "21" }),
    );
    const count = (await policyVersions()).length;
    const stale = await openAs(who, "/console/rules/policy/publish", {
      _idempotency: hiddenValue(preview.html, "_idempotency"),
      _policy: hiddenValue(preview.html, "_policy"),
      _base: String(count - 1),
      _action: "publish",
    });
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain(`Intussen is versie ${count} gepubliceerd`);
    expect(await policyVersions()).toHaveLength(count);
  });

  it("shows a wrong value at its field and publishes nothing", async () => {
    const who = await auditor();
    const count = (await policyVersions()).length;
    const page = await openAs(
      who,
      "/console/rules/policy/preview",
      await policyForm(who, { percent: "veel" }),
    );
    expect(page.status).toBe(400);
    expect(page.html).toContain('href="#field-percent"');
    expect(page.html).toMatch(/id="field-percent"[^>]*aria-invalid="true"/);
    expect(await policyVersions()).toHaveLength(count);
  });
});

describe("reports", () => {
  it("issues a regional report and hands out the API's stored files", async () => {
    const who = await auditor();
    const list = await openAs(who, "/console/reports");
    const requested = await openAs(who, "/console/reports", {
      _idempotency: hiddenValue(list.html, "_idempotency"),
      from: "2026-01",
      to: "2026-06",
      scope: "region",
      language: "nl",
    });
    expect(requested.status).toBe(303);
    const id = /^\/console\/reports\/([^/?]+)\?notice=requested$/.exec(requested.location)?.[1];
    expect(id).toBeDefined();
    await drainLocalJobs();
    const report = await call("GET", `/v1/reports/${id}`, { token: tokens.auditor });
    expect(report.body.status).toBe("issued");
    const page = await openAs(who, requested.location);
    expect(textOf(page.html)).toContain(`Rapportage ${report.body.number}`);
    expect(page.html).toContain(`href="/console/reports/${id}/files/pdf"`);

    const pdf = await openAs(who, `/console/reports/${id}/files/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe(`attachment; filename="${report.body.number}.pdf"`);
    expect(createHash("sha256").update(pdf.bytes).digest("hex")).toBe(report.body.digests.pdf);
    const csv = await openAs(who, `/console/reports/${id}/files/csv-semicolon`);
    expect(createHash("sha256").update(csv.bytes).digest("hex")).toBe(report.body.digests.csvSemicolon);
    const json = await openAs(who, `/console/reports/${id}/files/json`);
    expect(createHash("sha256").update(json.bytes).digest("hex")).toBe(report.body.digests.figures);

    const listed = await openAs(who, "/console/reports");
    expect(textOf(listed.html)).toContain(
      `${report.body.number} Hele regio januari 2026 – juni 2026 Uitgegeven`,
    );
  });

  it("shows the API's refusal of a period at its fields", async () => {
    const who = await auditor();
    const page = await openAs(who, "/console/reports", { from: "2026-06", to: "2026-01", scope: "region" });
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/href="#field-(from|to)"/);
  });

  it("answers a file of a report still being made with the API's problem, not a broken download", async () => {
    const who = await auditor();
    const page = await openAs(who, "/console/reports/no-such-report/files/pdf");
    expect(page.status).toBe(404);
    expect(page.headers["content-type"]).toContain("text/html");
  });
});
