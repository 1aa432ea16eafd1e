import { beforeAll, describe, expect, it } from "vitest";
import { STORED_ENTITIES } from "../../../lib/entities/all.js";
import type { Item } from "../../../lib/store/ops.js";
import { candidateClaimKey, fteClaimKey } from "../../../lib/entities/claims.js";
import { getItem } from "../../../lib/store/ops.js";
import { call, DEMO, newKey, tokenFor, useClock } from "../../support/api.js";
import { storedFixture } from "../../support/stored-fixture.js";

/**
 * Items as the November 2026 release stored them (test/fixtures/README.md) keep reading: each has one
 * entity that reads it, and the API answers every read of them as its response schemas say.
 */
const { items, ownersOf, readAs, load } = storedFixture("stored-items-2026-11.jsonl");

useClock(new Date("2026-06-10T08:00:00Z"));

beforeAll(load);

describe("stored items of the November 2026 release", () => {
  it("each has exactly one entity, and it reads the item", () => {
    expect(items.length).toBeGreaterThan(200);
    const problems: string[] = [];
    for (const item of items) {
      const owners = ownersOf(item);
      if (owners.length !== 1) {
        problems.push(`${item.pk} / ${item.sk}: ${owners.length} owners (${owners.map((o) => o.name)})`);
        continue;
      }
      try {
        owners[0]!.read(item);
      } catch (error) {
        problems.push(String((error as Error).message));
      }
    }
    expect(problems).toEqual([]);
  });

  it("covers every entity that outlives a request", () => {
    const found = new Set(items.map((item) => ownersOf(item)[0]?.name));
    // A retention plan lives only while a pseudonymisation runs.
    const transient = new Set(["retention plan"]);
    // Written by releases after this fixture's.
    const newer = new Set([
      "backfill checkpoint",
      "month block totals",
      "job",
      "report",
      "report number counter",
      "report number claim",
      "report PDF digest",
      "base amount",
      "pool transfer",
      "pool guard",
      "console session",
    ]);
    const missing = STORED_ENTITIES.map((e) => e.name).filter(
      (name) => !found.has(name) && !transient.has(name) && !newer.has(name),
    );
    expect(missing).toEqual([]);
  });

  it("reads back through the API: contracts with their balances, entries, obligations and commitments", async () => {
    const contracts = readAs<{ id: string; buyerId: string }>("contract");
    expect(contracts.length).toBeGreaterThan(5);
    for (const contract of contracts) {
      const token = await tokenFor("officer", contract.buyerId);
      const base = `/v1/contracts/${contract.id}`;
      for (const path of [
        base,
        `${base}/balance`,
        `${base}/entries`,
        `${base}/obligations`,
        `${base}/commitments`,
      ]) {
        const response = await call("GET", path, { token });
        expect(response.status, `${path}: ${response.text}`).toBe(200);
      }
    }
    for (const entry of readAs<{ id: string; contractId: string }>("entry")) {
      const contract = contracts.find((c) => c.id === entry.contractId)!;
      const token = await tokenFor("officer", contract.buyerId);
      const response = await call("GET", `/v1/contracts/${entry.contractId}/entries/${entry.id}`, { token });
      expect(response.status, response.text).toBe(200);
    }
  });

  it("reads back through the API: evaluation runs with input and result inline, as stored, and verified", async () => {
    const tenders = readAs<{ id: string; buyerId: string; evaluation: { run: string } | null }>("tender");
    const runs = items.filter((item) => ownersOf(item)[0]?.name === "evaluation");
    expect(runs.length).toBeGreaterThan(2);
    for (const run of runs as (Item & { tenderId: string; result: Record<string, unknown> })[]) {
      expect(run.document).toBeUndefined();
      const tender = tenders.find((t) => t.id === run.tenderId)!;
      expect(tender.evaluation?.run).toBe(run.sk);
      const token = await tokenFor("officer", tender.buyerId);
      const path = `/v1/tenders/${tender.id}/evaluation`;
      const stored = await call("GET", path, { token });
      expect(stored.status, stored.text).toBe(200);
      expect(stored.body).toMatchObject(run.result);
      expect(stored.body.verification).toBeUndefined();
      const verified = await call("GET", `${path}?verify=true`, { token });
      expect(verified.status, verified.text).toBe(200);
      // Stored by an earlier engine version: compared on the fields both versions share.
      expect(verified.body.verification).toMatchObject({
        digestMatches: true,
        sharedFields: { identical: true },
      });
    }
  });

  it("reads back through the API: tenders as open procedures under the Algemene termijnenwet, intended awards with their final-award date", async () => {
    const tenders = readAs<{ id: string; buyerId: string; intendedAward: object | null }>("tender");
    expect(tenders.some((t) => t.intendedAward !== null)).toBe(true);
    for (const tender of tenders) {
      const token = await tokenFor("officer", tender.buyerId);
      const read = await call("GET", `/v1/tenders/${tender.id}`, { token });
      expect(read.status, read.text).toBe(200);
      // EUR 2,500,000 of works: below the EU threshold for works.
      expect(read.body).toMatchObject({
        procedure: "open",
        algemeneTermijnenwet: true,
        aboveEuThreshold: false,
      });
      if (tender.intendedAward) {
        // Stored with the standstill's end only (10:00 Amsterdam on 8 June): final from that date.
        expect(read.body.intendedAward).toMatchObject({
          standstillEndsAt: "2026-06-08T08:00:00.000Z",
          finalAwardPossibleFrom: "2026-06-08",
        });
      }
    }
  });

  it("reads back through the API: regions, organisations, rules, reference tables and audit trails", async () => {
    const admin = await tokenFor("admin", DEMO.operator);
    const auditor = await tokenFor("auditor", DEMO.regionBody);
    for (const region of readAs<{ id: string }>("region"))
      expect((await call("GET", `/v1/regions/${region.id}`, { token: admin })).status).toBe(200);
    for (const org of readAs<{ id: string }>("organisation"))
      expect((await call("GET", `/v1/organisations/${org.id}`, { token: admin })).status).toBe(200);
    for (const catalogue of readAs<{ id: string; version: string }>("catalogue version")) {
      const path = `/v1/sroi/catalogues/${catalogue.id}/versions/${catalogue.version}`;
      expect((await call("GET", path, { token: auditor })).status, path).toBe(200);
    }
    expect((await call("GET", `/v1/sroi/policies/${DEMO.region}`, { token: auditor })).status).toBe(200);
    const tables = await call("GET", "/v1/reference-tables", { token: admin });
    expect(tables.status).toBe(200);
    expect(tables.body.items.length).toBeGreaterThan(0);
    const trail = await call(
      "GET",
      `/v1/audit?entity=${encodeURIComponent(`contract:${DEMO.contract.id}`)}`,
      {
        token: admin,
      },
    );
    expect(trail.status, trail.text).toBe(200);
  });

  it("claims stored in two documents keep counting, and move into the supplier's claim on the next write", async () => {
    // IJB-001 works 0.8 FTE from 2025-05 to 2025-10 in this contract; its period there is in the
    // contract's own claim document, its FTE in the supplier's.
    const contractId = "c-KK-7ncWylPKBCSTs";
    const supplier = await tokenFor("supplier", "sup-ijsselbouw");
    const auditor = await tokenFor("auditor", DEMO.regionBody);
    const submit = (body: Record<string, unknown>) =>
      call("POST", `/v1/contracts/${contractId}/entries`, {
        token: supplier,
        idempotencyKey: newKey(),
        body,
      });
    const ijb001 = { blockId: "pwet-gt-2y", candidateRef: "IJB-001", fte: 0.2 };
    const overlapping = await submit({
      ...ijb001,
      startDate: "2025-09-01",
      endDate: "2025-12-31",
      period: "2025-09",
    });
    expect(overlapping.status, overlapping.text).toBe(422);
    expect(overlapping.body.code).toBe("candidate-overlap");
    const row = "pwet-gt-2y;IJB-001;2025-09-01;2025-12-31;0,2;2025-09";
    const upload = await call("POST", `/v1/contracts/${contractId}/entries/import`, {
      token: supplier,
      rawBody: `blockId;candidateRef;startDate;endDate;fte;period\n${row}\n`,
      headers: { "content-type": "text/csv" },
      idempotencyKey: newKey(),
    });
    expect(upload.status, upload.text).toBe(422);
    expect(upload.text).toContain("candidate-overlap");
    // A refusal leaves the supplier's claim as it was.
    expect(await getItem(fteClaimKey("sup-ijsselbouw", "IJB-001"))).not.toHaveProperty("contractPeriods");
    // After it, in the same block: the legacy period counts before it, and moves with this write.
    const after = await submit({
      ...ijb001,
      startDate: "2025-11-01",
      endDate: "2026-02-28",
      period: "2025-11",
    });
    expect(after.status, after.text).toBe(201);
    expect(await getItem(candidateClaimKey(contractId, "IJB-001"))).toMatchObject({ moved: true });
    const claim = await getItem<{ contractPeriods: { entryId: string; monthsBeforeTicks: number }[] }>(
      fteClaimKey("sup-ijsselbouw", "IJB-001"),
    );
    expect(claim).toMatchObject({ adopted: [contractId] });
    expect(claim!.contractPeriods.map((p) => p.entryId)).toEqual([
      "20260504080000-_AA8loxR2t",
      after.body.id,
    ]);
    expect(claim!.contractPeriods[1]!.monthsBeforeTicks).toBeGreaterThan(0);
    // Once moved, the legacy document no longer counts: the supplier's claim refuses alone.
    const again = await submit({
      ...ijb001,
      startDate: "2025-10-01",
      endDate: "2025-10-31",
      period: "2025-10",
    });
    expect(again.body.code).toBe("candidate-overlap");
    // A released legacy period stays free; a legacy period released now (rejection) frees its dates.
    const ijb003 = { blockId: "ww-lt-1y", candidateRef: "IJB-003", fte: 1, period: "2025-06" };
    expect((await submit({ ...ijb003, startDate: "2025-06-01", endDate: "2025-08-31" })).status).toBe(201);
    const ijb004 = readAs<{ id: string; candidateRef: string }>("entry").find(
      (e) => e.candidateRef === "IJB-004",
    )!;
    const retake = {
      blockId: "bbl-1-2",
      candidateRef: "IJB-004",
      startDate: "2026-02-01",
      endDate: "2026-03-31",
    };
    expect((await submit({ ...retake, period: "2026-02" })).body.code).toBe("candidate-overlap");
    const rejected = await call("POST", `/v1/contracts/${contractId}/entries/${ijb004.id}/review`, {
      token: auditor,
      body: { decision: "reject", reason: "evidence missing" },
    });
    expect(rejected.status, rejected.text).toBe(200);
    const retaken = await submit({ ...retake, period: "2026-02" });
    expect(retaken.status, retaken.text).toBe(201);
  });
});
