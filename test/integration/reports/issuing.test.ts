import { beforeAll, describe, expect, it } from "vitest";
import { drainLocalJobs, holdLocalJobs } from "../../../lib/jobs/local.js";
import { call, DEMO, type DemoTokens, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";

useClock(new Date("2026-07-03T10:00:00Z"));

let tokens: DemoTokens;
let otherRegionAuditor: string;

beforeAll(async () => {
  tokens = await seedDemo();
  const admin = await tokenFor("admin", DEMO.operator);
  await call("POST", "/v1/regions", { token: admin, body: { id: "gelderland", name: "Gelderland" } });
  const regionBody = {
    id: "rb-gelderland",
    kind: "region-body",
    name: "SROI Gelderland",
    regionId: "gelderland",
  };
  expect((await call("POST", "/v1/organisations", { token: admin, body: regionBody })).status).toBe(201);
  otherRegionAuditor = await tokenFor("auditor", "rb-gelderland");
});

const regionReports = `/v1/regions/${DEMO.region}/reports`;
const halfYear = { period: { from: "2026-01", to: "2026-06" }, scope: "region" };

async function issue(body: Record<string, unknown> = halfYear, token = tokens.auditor) {
  const res = await call("POST", regionReports, { token, body, idempotencyKey: newKey() });
  expect(res.status, res.text).toBe(202);
  return res.body.id as string;
}

describe("issuing a report", () => {
  it("answers 202 with Location, runs as a job, and the issued report has a number, digests and files", async () => {
    const release = holdLocalJobs();
    const res = await call("POST", regionReports, {
      token: tokens.auditor,
      body: { ...halfYear, language: "en" },
      idempotencyKey: newKey(),
    });
    expect(res.status, res.text).toBe(202);
    expect(res.headers.location).toBe(`/v1/reports/${res.body.id}`);
    expect(res.body).toEqual({ id: expect.any(String), status: "queued" });

    const queued = await call("GET", res.headers.location!, { token: tokens.auditor });
    expect(queued.body).toMatchObject({ status: "queued", number: null, figures: null, digests: null });
    const early = await call("GET", `${res.headers.location}/pdf`, { token: tokens.auditor });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("report-not-issued");

    release();
    await drainLocalJobs();
    const issued = await call("GET", res.headers.location!, { token: tokens.auditor });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({
      id: res.body.id,
      status: "issued",
      number: expect.stringMatching(/^OOST-NEDERLAND-2026-\d{4}$/),
      scope: "region",
      scopeId: null,
      period: { from: "2026-01", to: "2026-06" },
      language: "en",
      progress: { done: expect.any(Number), total: expect.any(Number) },
      issuedAt: "2026-07-03T10:00:00.000Z",
      issuedBy: "demo-auditor-oost",
      supersedes: null,
      supersededBy: null,
      digests: {
        figures: expect.stringMatching(/^[0-9a-f]{64}$/),
        pdf: expect.stringMatching(/^[0-9a-f]{64}$/),
        csv: expect.stringMatching(/^[0-9a-f]{64}$/),
        csvSemicolon: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    // The demo region's contracts, read from their running totals, one progress step each.
    const { figures, progress } = issued.body;
    expect(figures.contracts.map((c: { contractId: string }) => c.contractId)).toContain(DEMO.contract.id);
    expect(progress.done).toBe(progress.total);
    expect(progress.total).toBeGreaterThanOrEqual(figures.contracts.length);
    expect(figures.computedAt).toBe(issued.body.computedAt);
    expect(figures.region.id).toBe(DEMO.region);

    const number = issued.body.number as string;
    const pdf = await call("GET", `${res.headers.location}/pdf`, { token: tokens.auditor });
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe(`attachment; filename="${number}.pdf"`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const again = await call("GET", `${res.headers.location}/pdf`, { token: tokens.auditor });
    expect(again.bytes.equals(pdf.bytes)).toBe(true);

    const csv = await call("GET", `${res.headers.location}/csv`, { token: tokens.auditor });
    const semicolon = await call("GET", `${res.headers.location}/csv?delimiter=semicolon`, {
      token: tokens.auditor,
    });
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="${number}.csv"`);
    expect(csv.text.startsWith("contract_id,reference,")).toBe(true);
    expect(csv.text).toContain(`\r\n${figures.contracts[0].contractId},`);
    expect(semicolon.text.startsWith("\uFEFFcontract_id;reference;")).toBe(true);
    expect(semicolon.headers["content-disposition"]).toBe(`attachment; filename="${number}.csv"`);
  });

  it("replays the same report for the same Idempotency-Key", async () => {
    const key = newKey();
    const first = await call("POST", regionReports, {
      token: tokens.auditor,
      body: halfYear,
      idempotencyKey: key,
    });
    const second = await call("POST", regionReports, {
      token: tokens.auditor,
      body: halfYear,
      idempotencyKey: key,
    });
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    await drainLocalJobs();
  });

  it("refuses invalid periods and scopes with the paths of the fields", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...halfYear, period: { from: "2026-07", to: "2026-06" } }, "body.period.to"],
      [{ ...halfYear, period: { from: "2026-13", to: "2026-12" } }, "body.period.from"],
      [{ ...halfYear, period: { from: "2026-01-01", to: "2026-06" } }, "body.period.from"],
      [{ ...halfYear, scope: "municipality" }, "body.scopeId"],
      [{ ...halfYear, scopeId: "gm-zwolle" }, "body.scopeId"],
      [{ ...halfYear, scope: "province" }, "body.scope"],
      [{ ...halfYear, language: "de" }, "body.language"],
    ];
    for (const [body, path] of cases) {
      const res = await call("POST", regionReports, { token: tokens.auditor, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it("ten concurrent issues get ten consecutive numbers", async () => {
    // A region of its own, whose series starts at 1.
    const region = "gelderland";
    const auditor = otherRegionAuditor;
    const ids = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const res = await call("POST", `/v1/regions/${region}/reports`, {
          token: auditor,
          body: halfYear,
          idempotencyKey: newKey(),
        });
        expect(res.status, res.text).toBe(202);
        return res.body.id as string;
      }),
    );
    await drainLocalJobs();
    const numbers = await Promise.all(
      ids.map(async (id) => (await call("GET", `/v1/reports/${id}`, { token: auditor })).body.number),
    );
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `GELDERLAND-2026-${String(i + 1).padStart(4, "0")}`),
    );
  });
});

describe("who sees which report", () => {
  it("an officer issues and lists its own municipality's reports; others get 404", async () => {
    const officer = tokens.officer; // gm-zwolle
    const own = await issue({ ...halfYear, scope: "municipality", scopeId: "gm-zwolle" }, officer);
    const denied = await call("POST", regionReports, {
      token: officer,
      body: { ...halfYear, scope: "municipality", scopeId: "gm-deventer" },
    });
    expect(denied.status).toBe(404);
    const regionScope = await call("POST", regionReports, { token: officer, body: halfYear });
    expect(regionScope.status).toBe(403);
    const regionWide = await issue();
    await drainLocalJobs();

    const listed = await call("GET", regionReports, { token: officer });
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(regionWide);

    expect((await call("GET", `/v1/reports/${regionWide}`, { token: officer })).status).toBe(404);
    expect((await call("GET", `/v1/reports/${own}`, { token: tokens.supplier })).status).toBe(404);
    expect((await call("GET", `/v1/reports/${own}`, { token: otherRegionAuditor })).status).toBe(404);
    expect((await call("GET", `/v1/reports/${own}/pdf`, { token: otherRegionAuditor })).status).toBe(404);
    expect((await call("GET", regionReports, { token: otherRegionAuditor })).status).toBe(404);

    const all = await call("GET", `${regionReports}?limit=500`, { token: tokens.auditor });
    const allIds = all.body.items.map((r: { id: string }) => r.id);
    expect(allIds).toEqual(expect.arrayContaining([own, regionWide]));
    // Newest first.
    const times = all.body.items.map((r: { requestedAt: string }) => r.requestedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("a supplier obtains its own supplier statement and nobody else's", async () => {
    const own = await issue({ ...halfYear, scope: "supplier", scopeId: DEMO.suppliers[0] }, tokens.supplier);
    await drainLocalJobs();
    expect((await call("GET", `/v1/reports/${own}`, { token: tokens.supplier })).body.status).toBe("issued");
    const other = await call("POST", regionReports, {
      token: tokens.supplier,
      body: { ...halfYear, scope: "supplier", scopeId: DEMO.suppliers[1] },
    });
    expect(other.status).toBe(404);
    expect((await call("GET", `/v1/reports/${own}`, { token: tokens.officer })).status).toBe(404);
  });
});

describe("corrections", () => {
  it("of two corrections of a report requested at once, one is taken and the other answers 409", async () => {
    const old = await issue();
    await drainLocalJobs();
    const keys = [newKey(), newKey()];
    const request = (idempotencyKey: string) =>
      call("POST", regionReports, {
        token: tokens.auditor,
        idempotencyKey,
        body: { ...halfYear, supersedes: old },
      });
    const answers = await Promise.all(keys.map(request));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body.code).toBe("report-correction-requested");
    const taken = answers.findIndex((a) => a.status === 202);
    // The taken request, retried, answers as before.
    const again = await request(keys[taken]!);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(answers[taken]!.body.id);
    await drainLocalJobs();
    const oldNow = await call("GET", `/v1/reports/${old}`, { token: tokens.auditor });
    expect(oldNow.body).toMatchObject({ status: "superseded", supersededBy: answers[taken]!.body.id });
  });

  it("a new report supersedes an issued one of the same scope; the old one stays, marked", async () => {
    const old = await issue();
    await drainLocalJobs();
    const wrongScope = await call("POST", regionReports, {
      token: tokens.auditor,
      body: { ...halfYear, scope: "municipality", scopeId: "gm-zwolle", supersedes: old },
    });
    expect(wrongScope.status).toBe(422);
    expect(wrongScope.body.code).toBe("supersedes-other-scope");

    const correction = await issue({ ...halfYear, supersedes: old });
    await drainLocalJobs();
    const oldNow = await call("GET", `/v1/reports/${old}`, { token: tokens.auditor });
    const newNow = await call("GET", `/v1/reports/${correction}`, { token: tokens.auditor });
    expect(oldNow.body).toMatchObject({ status: "superseded", supersededBy: correction });
    expect(oldNow.body.number).toMatch(/^OOST-NEDERLAND-2026-/);
    expect(newNow.body).toMatchObject({ status: "issued", supersedes: old, supersededBy: null });
    // The old report's files stay available.
    expect((await call("GET", `/v1/reports/${old}/pdf`, { token: tokens.auditor })).status).toBe(200);

    const twice = await call("POST", regionReports, {
      token: tokens.auditor,
      body: { ...halfYear, supersedes: old },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("report-superseded");

    const trail = await call("GET", `/v1/audit?entity=${encodeURIComponent(`report:${old}`)}`, {
      token: tokens.auditor,
    });
    // One event each (the clock stands still here, so their order within the instant is by operation id).
    expect(trail.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      "report.issued",
      "report.requested",
      "report.superseded",
    ]);
  });
});

describe("verification", () => {
  it("verify says equal right after issue and names the contract whose figures changed since", async () => {
    const id = await issue();
    await drainLocalJobs();
    const equal = await call("GET", `/v1/reports/${id}/verify`, { token: tokens.auditor });
    expect(equal.body).toEqual({ result: "equal" });

    // The demo contract's entry of April 2026 awaits review; accepted after issue, it changes the figures.
    const pending = await call("GET", `/v1/contracts/${DEMO.contract.id}/entries?status=submitted`, {
      token: tokens.auditor,
    });
    const entry = pending.body.items.find((e: { period: string }) => e.period === "2026-04");
    expect(entry, "the demo's pending entry").toBeDefined();
    const accepted = await call("POST", `/v1/contracts/${DEMO.contract.id}/entries/${entry.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "agreement checked after issue" },
    });
    expect(accepted.status, accepted.text).toBe(200);

    const differs = await call("GET", `/v1/reports/${id}/verify`, { token: tokens.auditor });
    expect(differs.body.result).toBe("differs");
    const fields = differs.body.differences.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["acceptedCents", "pendingCents"]));
    // Only the contract whose data changed.
    const contracts = differs.body.differences.map((d: { contractId: string }) => d.contractId);
    expect(new Set(contracts)).toEqual(new Set([DEMO.contract.id]));
    const acceptedNow = differs.body.differences.find((d: { field: string }) => d.field === "acceptedCents");
    expect(acceptedNow.now).toBeGreaterThan(acceptedNow.issued);
  });

  it("verify-document recognises the PDF without a token, not one with a byte changed, and refuses over 4 MB", async () => {
    const id = await issue();
    await drainLocalJobs();
    const { number } = (await call("GET", `/v1/reports/${id}`, { token: tokens.auditor })).body;
    const pdf = (await call("GET", `/v1/reports/${id}/pdf`, { token: tokens.auditor })).bytes;
    const send = (bytes: Buffer) =>
      call("POST", "/v1/reports/verify-document", {
        rawBody: bytes,
        headers: { "content-type": "application/pdf" },
      });
    expect((await send(pdf)).body).toEqual({ result: "authentic", reportId: id, number });
    const changed = Buffer.from(pdf);
    changed[changed.length - 3] = changed[changed.length - 3]! ^ 1;
    expect((await send(changed)).body).toEqual({ result: "unknown" });
    const large = await send(Buffer.alloc(4 * 1024 * 1024 + 1, 0x20));
    expect(large.status).toBe(413);
    expect(large.headers["content-type"]).toContain("application/problem+json");
    const json = await call("POST", "/v1/reports/verify-document", { body: { pdf: "x" } });
    expect(json.status).toBe(415);
  });
});
