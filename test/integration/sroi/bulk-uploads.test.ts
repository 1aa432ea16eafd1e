import { afterEach, describe, expect, it } from "vitest";
import {
  type ApiResponse,
  call,
  clock,
  DEMO,
  newKey,
  seedDemo,
  tokenFor,
  useClock,
} from "../../support/api.js";
import { contractIdForReference } from "../../../lib/contracts/contract/model.js";
import { fteClaimKey } from "../../../lib/entities/claims.js";
import { totalsKey, totalsQueries } from "../../../lib/entities/totals.js";
import { addCounters } from "../../../lib/store/counters.js";
import { entryKey, REVIEW_QUEUE_FIELDS } from "../../../lib/entities/entry.js";
import { getItem, removeFieldsIf } from "../../../lib/store/ops.js";
import { queryAll } from "../../../lib/store/paging.js";
import { injectFaults, isRead } from "../../support/faults.js";
import { eur, newContract, utrechtOfficer } from "./support.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);
const csv = { "content-type": "text/csv" };

let mock: ReturnType<typeof injectFaults> | undefined;
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

const uploadEntries = (contractId: string, body: string, idempotencyKey?: string) =>
  call("POST", `/v1/contracts/${contractId}/entries/import`, {
    token: supplier,
    rawBody: body,
    headers: csv,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

const importContracts = (body: string, idempotencyKey?: string) =>
  call("POST", "/v1/contracts/import", {
    token: tokens.officer,
    rawBody: body,
    headers: csv,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

const entriesOf = async (contractId: string) =>
  (await call("GET", `/v1/contracts/${contractId}/entries`, { token: supplier })).body.items as {
    id: string;
    candidateRef: string | null;
    value: { amount: number };
  }[];

const auditOf = async (entity: string) =>
  (await call("GET", `/v1/audit?entity=${entity}&limit=500`, { token: tokens.admin })).body.items as {
    action: string;
    opId: string;
    summary?: string;
  }[];

/** The running totals are shown as verified and equal what the entries add up to. */
async function expectTotalsTrue(contractId: string) {
  const balance = await call("GET", `/v1/contracts/${contractId}/balance`, { token: supplier });
  expect(balance.body.totalsVerified).toBe(true);
  const check = await call("POST", `/v1/contracts/${contractId}/totals/recompute?repair=false`, {
    token: tokens.admin,
  });
  expect(check.body).toMatchObject({ consistent: true, differences: [], inFlight: 0 });
  return balance.body;
}

function expectProblem(res: ApiResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toBe("application/problem+json");
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, code });
  expect(typeof res.body.detail).toBe("string");
  for (const e of res.body.errors)
    expect(e).toEqual({ path: expect.any(String), code: expect.any(String), message: expect.any(String) });
}

/** The second region's hours block ("social-activity", EUR 100 an hour) for quantities without a ceiling. */
async function hoursContract(reference: string) {
  return newContract(await utrechtOfficer(tokens.admin), reference);
}

const ENTRY_HEADER = "blockId;candidateRef;startDate;endDate;fte;hours;period\n";

describe("bulk uploads: refusals", () => {
  it("a valid row and a row with an absurd quantity: 422 rows-invalid, nothing written, totals verified", async () => {
    const id = await hoursContract("UT-BULK-1");
    const res = await uploadEntries(
      id,
      `${ENTRY_HEADER}social-activity;;2025-04-01;2025-04-30;;12,5;2025-H1\nsocial-activity;;2025-05-01;2025-05-31;;100000000000000000000;2025-H1\n`,
    );
    expectProblem(res, 422, "rows-invalid");
    expect(res.body.errors).toEqual([
      { path: "rows.3.hours", code: "invalid", message: "hours: 0 to 100,000" },
    ]);
    expect(res.body.detail).toContain("1 of 2 rows refused; nothing was written");
    expect(await entriesOf(id)).toEqual([]);
    expect((await expectTotalsTrue(id)).pending).toEqual(eur(0));
    // Just above the documented range of hours per entry.
    const above = await uploadEntries(
      id,
      `${ENTRY_HEADER}social-activity;;2025-04-01;2025-04-30;;12,5;2025-H1\nsocial-activity;;2025-05-01;2025-05-31;;100000,01;2025-H1\n`,
    );
    expectProblem(above, 422, "rows-invalid");
    expect(above.body.errors).toEqual([
      { path: "rows.3.hours", code: "invalid", message: "hours: 0 to 100,000" },
    ]);
    expect(await entriesOf(id)).toEqual([]);
    await expectTotalsTrue(id);
  });

  it("refuses rows that each fit but would carry the running totals past exact integers", async () => {
    const id = await hoursContract("UT-BULK-1B");
    // Running totals close to the limit, as after a very great many entries.
    await addCounters(totalsKey(id), { pendingCents: Number.MAX_SAFE_INTEGER - 1_500_000_000 });
    const largest = "100000"; // EUR 10 000 000 each: the most hours one entry may hold
    const sum = await uploadEntries(
      id,
      `${ENTRY_HEADER}social-activity;;2025-04-01;2025-04-30;;${largest};2025-H1\nsocial-activity;;2025-05-01;2025-05-31;;${largest};2025-H1\n`,
    );
    expectProblem(sum, 422, "rows-invalid");
    expect(sum.body.errors).toEqual([
      { path: "rows.3.hours", code: "totals-out-of-range", message: expect.any(String) },
    ]);
    expect(await entriesOf(id)).toEqual([]);
  });

  it("names every refused row by its line and column, with a code for each reason", async () => {
    const id = await newContract(tokens.officer, "ZW-BULK-2");
    const accepted = await uploadEntries(
      id,
      `${ENTRY_HEADER}work-experience;K9;2025-01-01;2025-01-31;;;2025-01\n`,
    );
    expect(accepted.status).toBe(200);
    const res = await uploadEntries(
      id,
      `${ENTRY_HEADER}work-experience;K1;2025-01-01;2025-03-31;;;2025-Q1\n` +
        "\n" + // a blank line still counts: the next row is line 4
        "work-experience;K2;2024-11-01;2025-03-31;;;2025-Q1\n" +
        "pwet-gt-2y;K3;2025-01-01;2025-03-31;2;;2025-Q1\n" +
        "work-experience;K1;2025-02-01;2025-02-28;;;2025-Q1\n" +
        "work-experience;K9;2025-01-15;2025-02-15;;;2025-Q1\n" +
        "work-experience;K4;2025-01-01;2025-01-31;;;Q1\n",
    );
    expectProblem(res, 422, "rows-invalid");
    expect(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ["rows.4.startDate", "outside-contract-period"],
      ["rows.5.fte", "invalid"],
      ["rows.6.candidateRef", "candidate-overlap"],
      ["rows.7.candidateRef", "candidate-overlap"],
      ["rows.8.period", "invalid"],
    ]);
    expect(res.body.errors[2].message).toContain("row 2 of this file");
    expect(res.body.detail).toContain("5 of 6 rows refused");
    expect(await entriesOf(id)).toHaveLength(1);
    await expectTotalsTrue(id);
  });

  it("refuses a candidate above 1 FTE across the supplier's contracts before writing any row", async () => {
    const other = await newContract(tokens.officer, "ZW-BULK-3A");
    const id = await newContract(tokens.officer, "ZW-BULK-3B");
    const header = "blockId;candidateRef;startDate;endDate;fte;period\n";
    expect(
      (await uploadEntries(other, `${header}pwet-gt-2y;F1;2025-01-01;2025-06-30;0,6;2025-H1\n`)).status,
    ).toBe(200);
    const res = await uploadEntries(
      id,
      `${header}work-experience;F2;2025-01-01;2025-01-31;;2025-01\npwet-gt-2y;F1;2025-03-01;2025-03-31;0,5;2025-Q1\n`,
    );
    expectProblem(res, 422, "rows-invalid");
    expect(res.body.errors).toEqual([
      {
        path: "rows.3.fte",
        code: "fte-above-one",
        message: expect.stringContaining("more than 1 FTE on 2025-03-01"),
      },
    ]);
    expect(await entriesOf(id)).toEqual([]);
  });

  it("lists every missing and unknown column at once (400), for entries and contracts", async () => {
    const id = await newContract(tokens.officer, "ZW-BULK-4");
    const entries = await uploadEntries(
      id,
      "blokId;candidateRef;startDate;endDate;bsn\nx;y;2025-01-01;2025-01-31;1\n",
    );
    expectProblem(entries, 400, "missing-columns");
    expect(entries.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ["header.blockId", "missing-column"],
      ["header.period", "missing-column"],
      ["header.blokId", "unknown-column"],
      ["header.bsn", "unknown-column"],
    ]);
    expect(entries.body.detail).toMatch(/Missing columns: blockId, period\. Unknown columns: blokId, bsn\./);
    const unknownOnly = await uploadEntries(id, "blockId;period;colour\nwork-experience;2025-01;red\n");
    expectProblem(unknownOnly, 400, "unknown-columns");
    expect(unknownOnly.body.errors).toEqual([
      { path: "header.colour", code: "unknown-column", message: expect.stringContaining("known: blockId") },
    ]);
    const contracts = await importContracts(
      "reference;title;supplier;type;startDate;endDate\nA;B;C;works;2025-01-01;2025-12-31\n",
    );
    expectProblem(contracts, 400, "missing-columns");
    expect(contracts.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "header.supplierId",
      "header.value",
      "header.supplier",
    ]);
    expect(contracts.body.detail).toContain("Missing columns: supplierId, value. Unknown columns: supplier.");
  });

  it("a contract import with a valid row and an absurd value: 422 rows-invalid and no contract", async () => {
    const header = "reference;title;supplierId;type;value;startDate;endDate\n";
    const res = await importContracts(
      `${header}ZW-BULK-C1;Schoonmaak;${DEMO.suppliers[1]};services;250000;2025-01-01;2026-12-31\n` +
        `ZW-BULK-C2;Groen;${DEMO.suppliers[1]};services;100000000000000000000;2025-01-01;2026-12-31\n` +
        `ZW-BULK-C3;Groen;nobody;services;1000;2025-01-01;2026-12-31\n` +
        `ZW-BULK-C1;Again;${DEMO.suppliers[1]};services;1000;2025-01-01;2026-12-31\n`,
    );
    expectProblem(res, 422, "rows-invalid");
    expect(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ["rows.3.value", "invalid"],
      ["rows.4.supplierId", "invalid"],
      ["rows.5.reference", "duplicate-reference"],
    ]);
    const list = await call("GET", "/v1/contracts?limit=500", { token: tokens.officer });
    expect(list.body.items.map((c: { reference: string }) => c.reference)).not.toContain("ZW-BULK-C1");
  });
});

/** Counts the writes (puts, updates, deletes) of one call, or fails the `failAt`-th (from `failAt` on, for a crash). */
function countWrites(failAt?: number, crash = false) {
  const state = { writes: 0 };
  mock = injectFaults((name) => {
    if (isRead(name)) return undefined;
    const n = state.writes++;
    if (failAt !== undefined && (n === failAt || (crash && n > failAt)))
      return new Error(`simulated fault at write ${n}`);
    return undefined;
  });
  return state;
}

const stopFaults = () => {
  mock?.restore();
  mock = undefined;
};

/** Which of `ids` the region's review queue lists, sorted. */
const queued = async (ids: string[]) => {
  const res = await call("GET", "/v1/entries?status=submitted&limit=500", { token: tokens.auditor });
  expect(res.status).toBe(200);
  return (res.body.items as { id: string }[])
    .map((e) => e.id)
    .filter((id) => ids.includes(id))
    .sort();
};

const uploadEvents = async (contractId: string) =>
  (await auditOf(`contract:${contractId}`)).filter((e) => e.action === "contract.entries-imported");

/** Active periods in the claims of a three-row upload's candidates: three in the contract, one FTE. */
async function activeClaims(contractId: string, tag: string): Promise<number[]> {
  type Period = { contractId: string; released?: boolean };
  const claim = (ref: string) =>
    getItem<{ periods: Period[]; contractPeriods?: Period[] }>(fteClaimKey(DEMO.suppliers[1], ref));
  const active = (periods: Period[] = []) =>
    periods.filter((p) => p.contractId === contractId && !p.released).length;
  return [
    ...(await Promise.all([1, 2, 3].map(async (n) => active((await claim(`${tag}-${n}`))?.contractPeriods)))),
    active((await claim(`${tag}-1`))?.periods),
  ];
}

/** Upload markers still on the contract's running-totals rows. */
const markersLeft = async (contractId: string) =>
  (await queryAll<Record<string, unknown>>(totalsQueries.ofContract(contractId))).flatMap((row) =>
    Object.keys(row).filter((k) => k.startsWith("upload#")),
  );

/** Three rows in three blocks: an employment (its FTE claim too), a placement and an apprenticeship. */
const threeRows = (tag: string) =>
  "blockId;candidateRef;startDate;endDate;fte;period\n" +
  `pwet-gt-2y;${tag}-1;2025-01-01;2025-03-31;0,5;2025-Q1\n` +
  `work-experience;${tag}-2;2025-02-01;2025-03-31;;2025-Q1\n` +
  `bbl-1-2;${tag}-3;2025-01-01;2025-06-30;;2025-H1\n`;

describe("bulk uploads: all rows or none, whichever write fails", () => {
  it("entries: a fault at every write in turn leaves all rows or none, true totals and no half audit event", async () => {
    const probe = await newContract(tokens.officer, "ZW-SWEEP-E");
    const counter = countWrites();
    const ok = await uploadEntries(probe, threeRows("P"), newKey());
    stopFaults();
    expect(ok.status).toBe(200);
    const written = counter.writes;
    expect(written).toBeGreaterThan(10);
    const expected = await expectTotalsTrue(probe);
    expect(expected.pending).toEqual(eur(5000 + 1500 + 10000));

    const outcomes = new Set<string>();
    for (let i = 0; i < written; i++) {
      const id = await newContract(tokens.officer, `ZW-SWEEP-E${i}`);
      const key = newKey();
      countWrites(i);
      const failed = await uploadEntries(id, threeRows(`S${i}`), key);
      stopFaults();
      const entries = await entriesOf(id);
      const all = entries.length === 3;
      expect(all || entries.length === 0, `write ${i}: all rows or none`).toBe(true);
      if (failed.status === 200) expect(all).toBe(true);
      else {
        expect(failed.status, `write ${i}`).toBe(500);
        expect(failed.headers["content-type"]).toBe("application/problem+json");
      }
      outcomes.add(`${failed.status} ${entries.length}`);
      // The upload's audit event exists exactly when its rows do; so do the candidates' claims.
      expect(await uploadEvents(id), `write ${i}`).toHaveLength(all ? 1 : 0);
      expect(await activeClaims(id, `S${i}`), `write ${i}`).toEqual(all ? [1, 1, 1, 1] : [0, 0, 0, 0]);
      await expectTotalsTrue(id);

      const retried = await uploadEntries(id, threeRows(`S${i}`), key);
      expect(retried.status, `retry after write ${i}`).toBe(200);
      expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual([
        "created",
        "created",
        "created",
      ]);
      expect(await entriesOf(id)).toHaveLength(3);
      const after = await expectTotalsTrue(id);
      expect(after.pending).toEqual(expected.pending);
      expect(after.byBlock).toEqual(expected.byBlock);
      expect(await uploadEvents(id), `write ${i}`).toHaveLength(1);
      expect(await activeClaims(id, `S${i}`), `write ${i}`).toEqual([1, 1, 1, 1]);
      // A failed removal of a marker is finished by the retry.
      expect(await markersLeft(id), `write ${i}`).toEqual([]);
    }
    // Undone before the upload's audit event; complete from it on, the retry finishing the last steps.
    expect([...outcomes].sort()).toEqual(["500 0", "500 3"]);
  }, 120_000);

  it("entries: after a crash the entries wait unreviewed and unverified; the retry with the same key completes them", async () => {
    const id = await newContract(tokens.officer, "ZW-CRASH-E");
    const key = newKey();
    countWrites(8, true); // the entries (one batch) and a block row written, then every write fails: nothing can be undone
    const crashed = await uploadEntries(id, threeRows("C"), key);
    stopFaults();
    expect(crashed.status).toBe(500);
    const left = await entriesOf(id);
    expect(left.length).toBeGreaterThan(0);
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(balance.body.totalsVerified).toBe(false);
    const review = await call("POST", `/v1/contracts/${id}/entries/${left[0]!.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "ok" },
    });
    expect(review.status).toBe(409);
    expect(review.body.detail).toContain("upload that has not completed");
    // Written with the review queue's keys, but not listed until the upload is complete.
    expect(await queued(left.map((e) => e.id))).toEqual([]);

    // The crashed request could not give its key free: the retry takes it over once its claim expires.
    // Even past the stale-marker age the totals wait for that retry: repaired from the entries now, they
    // would count the upload's entries once more when the retry applies its sums.
    clock.advance(61_000);
    const stale = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(stale.body).toMatchObject({ totalsVerified: false, pending: eur(0) });
    const repair = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=true`, {
      token: tokens.admin,
    });
    expect(repair.status).toBe(409);
    expect(repair.body.detail).toContain("upload of entries to this contract is unfinished");
    const retried = await uploadEntries(id, threeRows("C"), key);
    expect(retried.status).toBe(200);
    expect(await entriesOf(id)).toHaveLength(3);
    await expectTotalsTrue(id);
    const ids = retried.body.results.map((r: { entryId: string }) => r.entryId);
    expect(await queued(ids)).toEqual([...ids].sort());
    const reviewed = await call("POST", `/v1/contracts/${id}/entries/${left[0]!.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "ok" },
    });
    expect(reviewed.status).toBe(200);
    await expectTotalsTrue(id);
  });

  it("entries: the retry puts in the review queue the entries an earlier release stored outside it", async () => {
    // The previous release wrote an upload's entries without the queue's keys and added the keys one
    // by one at its end: after a crash under it, the retry adds them, before the upload's event or after.
    const has = (text: string) => (input: unknown) => JSON.stringify(input).includes(text);
    const cases = [
      { crash: "after", batch: has(`"sk":"${entryKey("", "").sk}`), events: 0 },
      { crash: "at", batch: has('"action":"sroi-entry.submitted"'), events: 1 },
    ] as const;
    for (const [n, { crash, batch, events }] of cases.entries()) {
      const id = await newContract(tokens.officer, `ZW-OLD-E${n}`);
      const key = newKey();
      // Every write fails from this batch on (crash "at"), or from the one after it.
      let crashed = false;
      mock = injectFaults((name, input) => {
        if (isRead(name)) return undefined;
        if (!crashed && name === "BatchWrite" && batch(input)) {
          crashed = true;
          if (crash === "after") return undefined;
        }
        return crashed ? new Error("simulated crash") : undefined;
      });
      expect((await uploadEntries(id, threeRows(`OLD${n}`), key)).status).toBe(500);
      stopFaults();
      const left = await entriesOf(id);
      expect(left).toHaveLength(3);
      expect(await uploadEvents(id)).toHaveLength(events);
      for (const e of left) await removeFieldsIf(entryKey(id, e.id), REVIEW_QUEUE_FIELDS);

      clock.advance(31_000); // the crashed request's hold on its key expires
      const retried = await uploadEntries(id, threeRows(`OLD${n}`), key);
      expect(retried.status, retried.text).toBe(200);
      const ids = retried.body.results.map((r: { entryId: string }) => r.entryId);
      expect(await queued(ids)).toEqual([...ids].sort());
      await expectTotalsTrue(id);
    }
  });

  const contractRows = (tag: string) =>
    "reference;title;supplierId;type;value;startDate;endDate\n" +
    [1, 2, 3]
      .map(
        (n) =>
          `ZW-${tag}-${n};Onderhoud ${n};${DEMO.suppliers[n - 1]};services;${n * 300000};2025-01-01;2026-12-31`,
      )
      .join("\n");

  /** Per reference of the file: whether the contract exists, and its audit events. */
  async function contractsOf(tag: string) {
    const refs = [1, 2, 3].map((n) => `ZW-${tag}-${n}`);
    return Promise.all(
      refs.map(async (reference) => {
        const id = contractIdForReference(DEMO.municipalities[0], reference);
        const res = await call("GET", `/v1/contracts/${id}`, { token: tokens.officer });
        const events = await auditOf(`contract:${id}`);
        return {
          exists: res.status === 200,
          created: events.filter((e) => e.action === "contract.created").length,
        };
      }),
    );
  }

  const importEvents = async (tag: string) =>
    (await auditOf(`organisation:${DEMO.municipalities[0]}`)).filter(
      (e) => e.action === "organisation.contracts-imported" && e.summary?.includes(`ZW-${tag}-1`),
    );

  it("contracts: after a crash the retry with the same key completes the import", async () => {
    const key = newKey();
    countWrites(3, true); // the first contract's document and obligation, then every write fails
    expect((await importContracts(contractRows("CC"), key)).status).toBe(500);
    stopFaults();
    expect((await contractsOf("CC")).map((c) => c.exists)).toEqual([true, false, false]);
    expect(await importEvents("CC")).toHaveLength(0);
    clock.advance(31_000); // the crashed request's claim on its key expires
    const retried = await importContracts(contractRows("CC"), key);
    expect(retried.status).toBe(200);
    expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual([
      "created",
      "created",
      "created",
    ]);
    expect(await contractsOf("CC")).toEqual([1, 2, 3].map(() => ({ exists: true, created: 1 })));
    expect(await importEvents("CC")).toHaveLength(1);
  });

  it("contracts: a fault at every write in turn leaves all contracts or none and no half audit event", async () => {
    const counter = countWrites();
    const ok = await importContracts(contractRows("CP"), newKey());
    stopFaults();
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((r: { status: string }) => r.status)).toEqual([
      "created",
      "created",
      "created",
    ]);
    const written = counter.writes;
    expect(written).toBeGreaterThan(10);

    for (let i = 0; i < written; i++) {
      const tag = `CS${i}`;
      const key = newKey();
      countWrites(i);
      const failed = await importContracts(contractRows(tag), key);
      stopFaults();
      if (failed.status !== 200) {
        expect(failed.status, `write ${i}`).toBe(500);
        expect(failed.headers["content-type"]).toBe("application/problem+json");
      }
      const state = await contractsOf(tag);
      const all = state.every((c) => c.exists);
      expect(all || state.every((c) => !c.exists), `write ${i}: all or none`).toBe(true);
      // The import's event exists exactly when its contracts do; a contract's own event only if it exists.
      expect(await importEvents(tag), `write ${i}`).toHaveLength(all ? 1 : 0);
      for (const c of state) expect(c.created, `write ${i}`).toBeLessThanOrEqual(c.exists ? 1 : 0);

      const retried = await importContracts(contractRows(tag), key);
      expect(retried.status, `retry after write ${i}`).toBe(200);
      expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual([
        "created",
        "created",
        "created",
      ]);
      expect(await contractsOf(tag)).toEqual([1, 2, 3].map(() => ({ exists: true, created: 1 })));
      expect(await importEvents(tag), `write ${i}`).toHaveLength(1);
    }
  }, 120_000);
});
