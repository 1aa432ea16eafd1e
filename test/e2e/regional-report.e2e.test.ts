import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainLocalJobs } from "../../lib/jobs/local.js";
import { reportEntity, reportKey } from "../../lib/entities/report.js";
import { INLINE_FIGURES_BYTES } from "../../lib/reports/read.js";
import { labelsFor } from "../../lib/reports/labels.js";
import { getItem, setIf } from "../../lib/store/ops.js";
import { clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../support/api.js";
import { http, startTestServer } from "../support/http-server.js";
import { describeWithPoppler, pdfFonts, pdfInfo, pdfText } from "../support/poppler.js";

/**
 * A regional report of the demo region, end to end over HTTP, as an auditor and a supplier use it:
 * issued and numbered, its PDF readable (the region, the number and the JSON's totals in the text;
 * tagged, fonts embedded), its CSV adding up to the JSON, verified against today's data before and
 * after a later acceptance, and the PDF recognised as authentic unless a byte changed.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let tokens: DemoTokens;
// The demo's entries lie in the twelve months before the seed date (lib/seed/sroi*.ts).
const SEEDED = new Date("2026-11-16T09:00:00Z");
const PERIOD = { from: "2025-12", to: "2026-11" };

beforeAll(async () => {
  clock.set(SEEDED);
  tokens = await seedDemo();
  server = await startTestServer();
});
afterAll(async () => {
  clock.reset();
  await server.close();
});

const api = (path: string, init: Parameters<typeof http>[1] = {}) => http(`${server.url}${path}`, init);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Requests a report, lets the local worker issue it, and answers the issued report. */
async function issue(token: string, body: Record<string, unknown>) {
  const requested = await api(`/v1/regions/${DEMO.region}/reports`, {
    method: "POST",
    token,
    json: body,
    headers: { "idempotency-key": newKey() },
  });
  expect(requested.status).toBe(202);
  await drainLocalJobs();
  const report = await api(requested.headers.get("location")!, { token });
  expect(report.status).toBe(200);
  expect(report.body.status).toBe("issued");
  return report.body;
}

/** A report's file as the stored bytes, named after the report's number. */
async function download(token: string, reportId: string, file: string) {
  const res = await fetch(`${server.url}/v1/reports/${reportId}/${file}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(
    /^attachment; filename="[A-Z-]+-\d{4}-\d{4}\.(pdf|csv|json)"$/,
  );
  return Buffer.from(await res.arrayBuffer());
}

/** RFC 4180 rows of a CSV without quoted line breaks (the demo's texts have none). */
function csvRows(csv: string, separator: string): string[][] {
  const rows: string[][] = [];
  for (const line of csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean)) {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === separator && !quoted) {
        cells.push(cell);
        cell = "";
      } else cell += ch;
    }
    rows.push([...cells, cell]);
  }
  return rows;
}

const centsOf = (text: string) => Math.round(Number(text.replace(",", ".")) * 100);

describe("a regional report of the demo region", () => {
  let report: any;
  let pdf: Buffer;

  beforeAll(async () => {
    report = await issue(tokens.auditor, { period: PERIOD, scope: "region" });
    pdf = await download(tokens.auditor, report.id, "pdf");
  });

  it("is numbered in the region's series and covers every municipality's contracts", () => {
    expect(report.number).toMatch(/^OOST-NEDERLAND-2026-\d{4}$/);
    const municipalities = new Set(report.figures.contracts.map((c: any) => c.municipalityId));
    expect([...municipalities].sort()).toEqual([...DEMO.municipalities].sort());
    expect(report.figures.totals.current.acceptedCents).toBeGreaterThan(0);
  });

  it("its PDF is the stored one, and the CSV's rows add up to the JSON's totals", async () => {
    expect(sha256(pdf)).toBe(report.digests.pdf);
    for (const [delimiter, separator, digest] of [
      ["comma", ",", report.digests.csv],
      ["semicolon", ";", report.digests.csvSemicolon],
    ] as const) {
      const bytes = await download(
        tokens.auditor,
        report.id,
        delimiter === "comma" ? "csv" : "csv?delimiter=semicolon",
      );
      expect(sha256(bytes)).toBe(digest);
      // Semicolons for Dutch spreadsheets, with the BOM that makes them read UTF-8.
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(delimiter === "semicolon");
      const [header, ...rows] = csvRows(bytes.toString("utf8"), separator);
      const contractRows = rows.filter((r) => r[0] !== "TOTAL");
      expect(contractRows).toHaveLength(report.figures.contracts.length);
      for (const [column, total] of [
        ["accepted_in_period_eur", report.figures.totals.current.acceptedCents],
        ["cumulative_accepted_eur", report.figures.totals.current.cumulativeAcceptedCents],
        ["obligation_eur", report.figures.totals.current.obligationCents],
        ["pending_review_eur", report.figures.totals.current.pendingCents],
      ] as const) {
        const at = header!.indexOf(column);
        expect(at, column).toBeGreaterThanOrEqual(0);
        expect(
          contractRows.reduce((sum, r) => sum + centsOf(r[at]!), 0),
          column,
        ).toBe(total);
      }
    }
  });

  describeWithPoppler("its PDF, as a reader sees it", () => {
    it("shows the region, the number and the JSON's totals; is tagged; embeds its fonts", () => {
      const text = pdfText(pdf).replace(/\s+/g, " ");
      const nl = labelsFor("nl");
      expect(text).toContain("Oost-Nederland");
      expect(text).toContain(report.number);
      for (const cents of [
        report.figures.totals.current.acceptedCents,
        report.figures.totals.current.obligationCents,
        report.figures.totals.current.cumulativeAcceptedCents,
      ])
        expect(text).toContain(nl.amount(cents));
      expect(pdfInfo(pdf).Tagged).toBe("yes");
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((f) => f.embedded)).toBe(true);
    });
  });

  it("verifies equal right after issue, and names the contract after a later acceptance", async () => {
    expect((await api(`/v1/reports/${report.id}/verify`, { token: tokens.auditor })).body).toEqual({
      result: "equal",
    });
    const queue = await api("/v1/entries?status=submitted", { token: tokens.auditor });
    const pending = queue.body.items.find((e: any) =>
      report.figures.contracts.some((c: any) => c.contractId === e.contractId && c.pendingCount > 0),
    );
    expect(pending).toBeDefined();
    const reviewed = await api(`/v1/contracts/${pending.contractId}/entries/${pending.id}/review`, {
      method: "POST",
      token: tokens.auditor,
      json: { decision: "accept", reason: "evidence checked after the report" },
    });
    expect(reviewed.status).toBe(200);
    const verified = await api(`/v1/reports/${report.id}/verify`, { token: tokens.auditor });
    expect(verified.body.result).toBe("differs");
    expect(verified.body.differences).toContainEqual(
      expect.objectContaining({ contractId: pending.contractId, field: "acceptedCents" }),
    );
  });

  it("recognises its PDF as authentic, and a PDF with one byte changed as unknown", async () => {
    const check = (body: Buffer) =>
      fetch(`${server.url}/v1/reports/verify-document`, {
        method: "POST",
        headers: { "content-type": "application/pdf" },
        body: new Uint8Array(body),
      }).then(async (res) => ({ status: res.status, body: await res.json() }));
    expect(await check(pdf)).toEqual({
      status: 200,
      body: { result: "authentic", reportId: report.id, number: report.number },
    });
    const changed = Buffer.from(pdf);
    const middle = Math.floor(changed.length / 2);
    changed[middle] = changed[middle]! ^ 0x01;
    expect((await check(changed)).body).toEqual({ result: "unknown" });
  });

  it("offers its figures as a file with the figures digest; past 1 MiB only there, not inline", async () => {
    const json = await download(tokens.auditor, report.id, "json");
    expect(sha256(json)).toBe(report.digests.figures);
    expect(JSON.parse(json.toString("utf8"))).toEqual(report.figures);
    expect(report.figuresUrl).toBe(`/v1/reports/${report.id}/json`);
    // As a region of a few thousand contracts would be: the record says how large the figures are.
    const stored = reportEntity.read((await getItem(reportKey(report.id)))!);
    await setIf(reportKey(report.id), { figures: { ...stored.figures!, bytes: INLINE_FIGURES_BYTES + 1 } });
    const large = await api(`/v1/reports/${report.id}`, { token: tokens.auditor });
    expect(large.body.figures).toBeNull();
    expect(large.body.figuresUrl).toBe(report.figuresUrl);
    expect(sha256(await download(tokens.auditor, report.id, "json"))).toBe(report.digests.figures);
    await setIf(reportKey(report.id), { figures: stored.figures });
  });

  it("gives a supplier one statement of its contracts with two municipalities, numbered next", async () => {
    const statement = await issue(tokens.supplier, {
      period: PERIOD,
      scope: "supplier",
      scopeId: DEMO.suppliers[0],
    });
    const municipalities = new Set(statement.figures.contracts.map((c: any) => c.municipalityId));
    expect([...municipalities].sort()).toEqual([DEMO.municipalities[0], DEMO.municipalities[1]].sort());
    expect(statement.figures.contracts.every((c: any) => c.supplierId === DEMO.suppliers[0])).toBe(true);
    const next = (n: string) => Number(n.slice(-4));
    expect(next(statement.number)).toBe(next(report.number) + 1);
    // Another supplier cannot see it.
    const other = await api(`/v1/reports/${statement.id}`, {
      token: await tokenFor("supplier", DEMO.suppliers[1]),
    });
    expect(other.status).toBe(404);
  });
});
