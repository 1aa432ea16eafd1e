import { describe, expect, it } from "vitest";
import { addCounters } from "../../../lib/store/counters.js";
import { totalsKey } from "../../../lib/entities/totals.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { eur, newContract as registerContract } from "./support.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);
const VALID_BSN = "123456782";

const newContract = (reference: string, extra: Record<string, unknown> = {}) =>
  registerContract(tokens.officer, reference, extra);

const submit = (contractId: string, body: Record<string, unknown>, token = supplier) =>
  call("POST", `/v1/contracts/${contractId}/entries`, { token, body, idempotencyKey: newKey() });
const review = (contractId: string, entryId: string, decision: "accept" | "reject", token = tokens.auditor) =>
  call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
    token,
    body: { decision, reason: decision === "accept" ? "evidence checked" : "evidence missing" },
  });

describe("realisations, review and balance", () => {
  it("refuses BSNs, overlaps, dates outside the contract; reviews; balance equals the hand calculation", async () => {
    const id = await newContract("ZW-R-1");
    const A = await submit(id, {
      blockId: "pwet-gt-2y",
      candidateRef: "K1",
      startDate: "2025-01-01",
      endDate: "2025-12-31",
      fte: 0.8,
      period: "2025",
      evidence: ["payroll K1 2025"],
    });
    expect(A.status).toBe(201);
    expect(A.body).toMatchObject({
      value: eur(32000),
      formula: "40000 × 0.8 × 12/12 (calendar-fraction months)",
      status: "submitted",
      reportedMonths: 12,
    });
    const B = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K2",
      startDate: "2025-03-01",
      endDate: "2025-05-31",
      period: "2025-Q2",
    });
    const C = await submit(id, {
      blockId: "ww-lt-1y",
      candidateRef: "K3",
      startDate: "2025-01-15",
      endDate: "2025-03-20",
      fte: 1,
      period: "2025-Q1",
    });
    expect(C.body.value).toEqual(eur(1827.96)); // 10000 × (68/31)/12 = 1827.956… → 1827.96
    const D = await submit(id, {
      blockId: "pwet-gt-2y",
      candidateRef: "K1",
      startDate: "2026-01-01",
      endDate: "2026-06-30",
      fte: 1,
      period: "2026-H1",
    });
    const E = await submit(id, {
      blockId: "bbl-1-2",
      candidateRef: "K4",
      startDate: "2026-01-01",
      endDate: "2026-03-31",
      period: "2026-Q1",
    });
    expect(E.status).toBe(201);
    const F1 = await submit(id, {
      blockId: "ww-lt-1y",
      candidateRef: "K6",
      startDate: "2025-01-01",
      endDate: "2025-08-31",
      fte: 1,
      period: "2025",
    });
    const F2 = await submit(id, {
      blockId: "ww-lt-1y",
      candidateRef: "K6",
      startDate: "2025-09-01",
      endDate: "2026-02-28",
      fte: 1,
      period: "2026-Q1",
    });
    expect(F2.body).toMatchObject({ value: eur(3333.33), reportedMonths: 6, countedMonths: 4 });

    const bsn = await submit(id, {
      blockId: "work-experience",
      candidateRef: `cand ${VALID_BSN}`,
      startDate: "2025-06-01",
      endDate: "2025-06-30",
      period: "2025-06",
    });
    expect(bsn.status).toBe(422);
    expect(bsn.body.code).toBe("bsn-refused");
    expect(bsn.text).not.toContain(VALID_BSN);
    expect(bsn.body.errors[0].path).toBe("body.candidateRef");
    const bsnNote = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K9",
      startDate: "2025-06-01",
      endDate: "2025-06-30",
      period: "2025-06",
      note: `BSN 1234.56.782`,
    });
    expect(bsnNote.status).toBe(422);
    expect(bsnNote.text).not.toContain("1234.56.782");

    const overlap = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K1",
      startDate: "2025-06-01",
      endDate: "2025-07-31",
      period: "2025-Q3",
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.code).toBe("candidate-overlap");
    const outside = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K8",
      startDate: "2024-12-01",
      endDate: "2025-01-31",
      period: "2025-01",
    });
    expect(outside.body.code).toBe("outside-contract-period");
    const future = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K8",
      startDate: "2026-06-01",
      endDate: "2026-07-31",
      period: "2026-Q3",
    });
    expect(future.body.code).toBe("activity-in-future");
    const wrongField = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K8",
      startDate: "2025-06-01",
      endDate: "2025-06-30",
      fte: 1,
      period: "2025-06",
    });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.errors[0].path).toBe("body.fte");

    // Reviews: the supplier may not review; another municipality's officer does not see the contract.
    expect((await review(id, A.body.id, "accept", supplier)).status).toBe(403);
    expect(
      (await review(id, A.body.id, "accept", await tokenFor("officer", DEMO.municipalities[2]))).status,
    ).toBe(404);
    for (const e of [A, B, D, F1, F2]) expect((await review(id, e.body.id, "accept")).status).toBe(200);
    expect((await review(id, C.body.id, "reject", tokens.officer)).status).toBe(200);
    const again = await review(id, A.body.id, "reject");
    expect(again.status).toBe(409);

    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(balance.status).toBe(200);
    // Hand calculation: 32000 + 2250 + 20000 (K1 2026: 6 of max 24 months) + 6666.67 + 3333.33 (K6: 8 + 4 of max 12)
    expect(balance.body).toMatchObject({
      obligation: eur(100000),
      credited: eur(64250),
      pending: eur(5000),
      rejected: eur(1827.96),
      shortfall: eur(35750),
      fulfilmentPercent: 64.3,
      status: "behind", // expected by 2026-07-01 12:00: 100000 × 546.5/730 = 74863.01
      expectedByNow: eur(74863.01),
      projection: { atEnd: eur(85823.42) }, // 64250 × 730/546.5
      recoveryDeadline: "2027-03-31",
      totalsVerified: true,
      entries: { submitted: 1, accepted: 5, rejected: 1 },
    });
    const byBlock = Object.fromEntries(balance.body.byBlock.map((b: { blockId: string }) => [b.blockId, b]));
    expect(byBlock["pwet-gt-2y"]).toMatchObject({
      credited: eur(52000),
      persons: 1,
      fteYears: 1.3,
      reportedMonths: 18,
      countedMonths: 18,
    });
    expect(byBlock["ww-lt-1y"]).toMatchObject({
      credited: eur(10000),
      persons: 1,
      fteYears: 1,
      reportedMonths: 14,
      countedMonths: 12,
    });
    expect(byBlock["bbl-1-2"]).toMatchObject({ credited: eur(0), pending: eur(5000), persons: 0 });
    expect(balance.body.byTargetGroup).toHaveLength(4);

    const verify = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(verify.body).toMatchObject({ consistent: true, differences: [], entries: 7 });

    // a rejected entry frees its candidate's dates for a corrected entry
    const corrected = await submit(id, {
      blockId: "ww-lt-1y",
      candidateRef: "K3",
      startDate: "2025-01-15",
      endDate: "2025-03-20",
      fte: 1,
      period: "2025-Q1",
      evidence: ["WW decision K3"],
    });
    expect(corrected.status).toBe(201);

    // overdue flags after the policy's review limit (30 days)
    clock.set(new Date("2026-08-15T12:00:00Z"));
    const pending = await call("GET", `/v1/contracts/${id}/entries?status=submitted`, {
      token: tokens.auditor,
    });
    expect(pending.body.items.map((e: { overdue: boolean }) => e.overdue)).toEqual([true, true]);
  });

  it("keeps one candidate at most 1 FTE across the supplier's contracts", async () => {
    const one = await newContract("ZW-R-2");
    const two = await newContract("ZW-R-3");
    expect(
      (
        await submit(one, {
          blockId: "pwet-lt-2y",
          candidateRef: "K7",
          startDate: "2025-01-01",
          endDate: "2025-06-30",
          fte: 0.6,
          period: "2025-H1",
        })
      ).status,
    ).toBe(201);
    const tooMuch = await submit(two, {
      blockId: "pwet-lt-2y",
      candidateRef: "K7",
      startDate: "2025-03-01",
      endDate: "2025-04-30",
      fte: 0.5,
      period: "2025-Q2",
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe("fte-above-one");
    expect(
      (
        await submit(two, {
          blockId: "pwet-lt-2y",
          candidateRef: "K7",
          startDate: "2025-03-01",
          endDate: "2025-04-30",
          fte: 0.4,
          period: "2025-Q2",
        })
      ).status,
    ).toBe(201);
    // the refused FTE claim left no trace: the contract's candidate claim is free for other dates
    expect(
      (
        await submit(two, {
          blockId: "pwet-lt-2y",
          candidateRef: "K7",
          startDate: "2025-07-01",
          endDate: "2025-07-31",
          fte: 1,
          period: "2025-07",
        })
      ).status,
    ).toBe(201);
  });

  it("reverses an accepted entry with a new entry; the accepted one never changes", async () => {
    const id = await newContract("ZW-R-4");
    const e = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K1",
      startDate: "2025-01-01",
      endDate: "2025-04-30",
      period: "2025-H1",
    });
    await review(id, e.body.id, "accept");
    const rev = await call("POST", `/v1/contracts/${id}/entries/${e.body.id}/reversal`, {
      token: supplier,
      body: { reason: "candidate left in week one" },
      idempotencyKey: newKey(),
    });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ value: eur(-3000), reverses: e.body.id, status: "submitted" });
    const twice = await call("POST", `/v1/contracts/${id}/entries/${e.body.id}/reversal`, {
      token: supplier,
      body: { reason: "again" },
    });
    expect(twice.status).toBe(409);
    await review(id, rev.body.id, "accept", tokens.officer);
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
    expect(balance.body).toMatchObject({ credited: eur(0), pending: eur(0) });
    expect(balance.body.byBlock).toEqual([]); // nothing left in any block: no persons, no months
    const original = await call("GET", `/v1/contracts/${id}/entries/${e.body.id}`, { token: supplier });
    expect(original.body).toMatchObject({ status: "accepted", value: eur(3000) });
    // the reversal released K1's dates
    expect(
      (
        await submit(id, {
          blockId: "work-experience",
          candidateRef: "K1",
          startDate: "2025-02-01",
          endDate: "2025-04-30",
          period: "2025-H1",
        })
      ).status,
    ).toBe(201);
  });

  it("bulk CSV: all rows or none; a refusal names each row's line and column, a success reports each row", async () => {
    const id = await newContract("ZW-R-5");
    const header = "blockId;candidateRef;startDate;endDate;fte;period;evidence\n";
    const rows = [
      "pwet-gt-2y;C1;2025-01-01;2025-03-31;0,5;2025-Q1;payroll C1",
      "work-experience;C2;2024-11-01;2025-03-31;;2025-Q1;",
      "work-experience;C4;2025-01-01;2025-03-31;1;2025-Q1;",
      "work-experience;C3;2025-01-01;2025-02-28;;2025-Q1;contract C3|timesheet C3",
      "work-experience;C3;2025-02-01;2025-02-28;;2025-Q1;",
    ];
    const refused = await call("POST", `/v1/contracts/${id}/entries/import`, {
      token: supplier,
      rawBody: header + rows.join("\n"),
      headers: { "content-type": "text/csv" },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers["content-type"]).toBe("application/problem+json");
    expect(refused.body.code).toBe("rows-invalid");
    expect(refused.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ["rows.3.startDate", "outside-contract-period"],
      ["rows.4.fte", "invalid"],
      ["rows.6.candidateRef", "candidate-overlap"],
    ]);
    expect(refused.body.errors[0].message).toContain("outside the contract period");
    expect(refused.body.errors[2].message).toContain("row 5 of this file");
    // a BSN anywhere in the upload refuses it without repeating the number
    const bsn = await call("POST", `/v1/contracts/${id}/entries/import`, {
      token: supplier,
      rawBody: `${header}work-experience;C2 ${VALID_BSN};2025-01-01;2025-03-31;;2025-Q1;`,
      headers: { "content-type": "text/csv" },
    });
    expect(bsn.status).toBe(422);
    expect(bsn.body.errors).toEqual([
      { path: "rows.2.candidateRef", code: "bsn-refused", message: expect.any(String) },
    ]);
    expect(bsn.text).not.toContain(VALID_BSN);
    const none = await call("GET", `/v1/contracts/${id}/entries`, { token: supplier });
    expect(none.body.items).toEqual([]);
    const ok = await call("POST", `/v1/contracts/${id}/entries/import`, {
      token: supplier,
      rawBody: header + [rows[0], rows[3]].join("\n"),
      headers: { "content-type": "text/csv" },
    });
    expect(ok.status).toBe(200);
    expect(
      ok.body.results.map((r: { status: string; value: { amount: number } }) => [r.status, r.value.amount]),
    ).toEqual([
      ["created", 5000],
      ["created", 1500],
    ]);
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(balance.body.pending).toEqual(eur(6500));
  });

  it("twenty concurrent submissions to one contract all succeed and the totals equal the entries", async () => {
    const id = await newContract("ZW-R-6");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submit(id, {
          blockId: "pwet-gt-2y",
          candidateRef: `P${i}`,
          startDate: "2025-01-01",
          endDate: "2025-06-30",
          fte: 0.5,
          period: "2025-H1",
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const accepted = await Promise.all(results.slice(0, 10).map((r) => review(id, r.body.id, "accept")));
    expect(accepted.map((r) => r.status)).toEqual(Array(10).fill(200));
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(balance.body).toMatchObject({ credited: eur(100000), pending: eur(100000), totalsVerified: true });
    expect(balance.body.byBlock[0]).toMatchObject({ persons: 10, reportedMonths: 60 });
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body).toMatchObject({ consistent: true, entries: 20 });
  });

  it("lets only one of several racing submissions of one candidate over overlapping dates through", async () => {
    const id = await newContract("ZW-R-7");
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        submit(id, {
          blockId: "work-experience",
          candidateRef: "SAME",
          startDate: `2025-0${i + 1}-01`,
          endDate: "2025-09-30",
          period: "2025",
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === "candidate-overlap")).toBe(
      true,
    );
  });

  it("flags damaged totals as unverified and repairs them from the entries (audited)", async () => {
    const id = await newContract("ZW-R-8");
    const e = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K1",
      startDate: "2025-01-01",
      endDate: "2025-02-28",
      period: "2025-Q1",
    });
    await review(id, e.body.id, "accept");
    await addCounters(totalsKey(id), { creditedCents: 99_99, inFlight: 1 }); // a crash between steps
    const damaged = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
    expect(damaged.body).toMatchObject({ credited: eur(1599.99), totalsVerified: false });
    expect(
      (await call("POST", `/v1/contracts/${id}/totals/recompute`, { token: tokens.officer })).status,
    ).toBe(403);
    const repaired = await call("POST", `/v1/contracts/${id}/totals/recompute`, { token: tokens.admin });
    expect(repaired.body).toMatchObject({ consistent: false, repaired: true, inFlight: 1 });
    expect(repaired.body.differences[0]).toEqual({
      field: "creditedCents",
      stored: "159999",
      computed: "150000",
    });
    const fixed = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
    expect(fixed.body).toMatchObject({ credited: eur(1500), totalsVerified: true });
    const audit = await call("GET", `/v1/audit?entity=contract:${id}`, { token: tokens.admin });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain("contract.totals-repaired");
  });

  it("settles after the end and the recovery period only", async () => {
    const id = await newContract("ZW-R-9", { startDate: "2024-01-01", endDate: "2025-12-31" });
    const running = await newContract("ZW-R-10");
    const early = await call("POST", `/v1/contracts/${running}/settlement`, {
      token: tokens.officer,
      body: { outcome: "withheld", reason: "x", version: 1 },
    });
    expect(early.body.code).toBe("contract-running");
    const settled = await call("POST", `/v1/contracts/${id}/settlement`, {
      token: tokens.officer,
      body: { outcome: "withheld", reason: "withheld from the last payment", version: 1 },
    });
    expect(settled.status).toBe(200);
    expect(settled.body.settlement).toMatchObject({ outcome: "withheld", shortfall: eur(100000) });
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(balance.body.status).toBe("settled");
    const late = await submit(id, {
      blockId: "work-experience",
      candidateRef: "K1",
      startDate: "2025-01-01",
      endDate: "2025-02-28",
      period: "2025-Q1",
    });
    expect(late.body.code).toBe("contract-settled");
  });
  it("replaces candidate references after the retention period, keeping the figures", async () => {
    const id = await newContract("ZW-R-11", {
      startDate: "2024-01-01",
      endDate: "2024-06-30",
      value: eur(300000),
    });
    const e = await submit(id, {
      blockId: "work-experience",
      candidateRef: "Jansen-K1",
      startDate: "2024-01-01",
      endDate: "2024-02-29",
      period: "2024-Q1",
    });
    await review(id, e.body.id, "accept");
    const running = await newContract("ZW-R-12");
    const early = await call("POST", `/v1/contracts/${running}/retention`, { token: tokens.admin });
    expect(early.body.code).toBe("retention-running");
    const before = (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer })).body;
    const done = await call("POST", `/v1/contracts/${id}/retention`, { token: tokens.admin });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ replaced: 1, retentionEnded: "2026-07-01" });
    const entry = await call("GET", `/v1/contracts/${id}/entries/${e.body.id}`, { token: tokens.officer });
    expect(entry.body.candidateRef).toBe("anon-001");
    expect(entry.text).not.toContain("Jansen");
    const contract = await call("GET", `/v1/contracts/${id}`, { token: tokens.officer });
    expect(contract.body.pseudonymisedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const after = (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer })).body;
    expect(after.credited).toEqual(before.credited);
    expect(after.byBlock).toEqual(before.byBlock);
    const again = await call("POST", `/v1/contracts/${id}/retention`, { token: tokens.admin });
    expect(again.body.replaced).toBe(0);
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body.consistent).toBe(true);
  });
});

describe("balance read cost", () => {
  it("does not grow with the number of entries", async () => {
    const { db } = await import("../../../lib/store/client.js");
    let requests = 0;
    const readCost = async (id: string) => {
      requests = 0;
      const res = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
      expect(res.status).toBe(200);
      return requests;
    };
    const small = await newContract("ZW-COST-1");
    const large = await newContract("ZW-COST-2");
    await submit(small, {
      blockId: "work-experience",
      candidateRef: "Q0",
      startDate: "2025-01-01",
      endDate: "2025-01-31",
      period: "2025-01",
    });
    for (let i = 0; i < 30; i++)
      await submit(large, {
        blockId: "work-experience",
        candidateRef: `Q${i}`,
        startDate: "2025-01-01",
        endDate: "2025-01-31",
        period: "2025-01",
      });
    db.middlewareStack.add(
      (next) => async (args) => {
        requests++;
        return next(args);
      },
      { step: "initialize", name: "countRequestsForBalanceTest" },
    );
    let costSmall: number;
    let costLarge: number;
    try {
      costSmall = await readCost(small);
      costLarge = await readCost(large);
    } finally {
      db.middlewareStack.remove("countRequestsForBalanceTest");
    }
    expect(costLarge).toBe(costSmall);
    expect(costSmall).toBeLessThanOrEqual(3); // caller's organisation, the contract, its totals rows
  });
});

describe("retries, races and crashes", () => {
  it("replays a retried submission (same Idempotency-Key) without counting it twice", async () => {
    const id = await newContract("ZW-F-1");
    const body = {
      blockId: "work-experience",
      candidateRef: "R1",
      startDate: "2025-01-01",
      endDate: "2025-02-28",
      period: "2025-Q1",
    };
    const key = newKey();
    const first = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      body,
      idempotencyKey: key,
    });
    const again = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      body,
      idempotencyKey: key,
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(balance.body).toMatchObject({
      pending: eur(1500),
      entries: { submitted: 1 },
      totalsVerified: true,
    });
  });

  it("lets exactly one of two racing reviews of one entry win", async () => {
    const id = await newContract("ZW-F-2");
    const e = await submit(id, {
      blockId: "work-experience",
      candidateRef: "R2",
      startDate: "2025-01-01",
      endDate: "2025-01-31",
      period: "2025-01",
    });
    const [a, b] = await Promise.all([
      review(id, e.body.id, "accept"),
      review(id, e.body.id, "reject", tokens.officer),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(balance.body.credited.amount + balance.body.rejected.amount).toBe(750);
    expect(balance.body).toMatchObject({ pending: eur(0), totalsVerified: true });
  });

  it("a crash between writing the entry and its totals never shows a wrong figure as verified", async () => {
    const { db } = await import("../../../lib/store/client.js");
    const id = await newContract("ZW-F-3");
    let armed = true;
    db.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as {
          Key?: { sk?: string };
          ExpressionAttributeNames?: Record<string, string>;
        };
        const names = Object.values(input.ExpressionAttributeNames ?? {});
        if (armed && input.Key?.sk === totalsKey(id).sk && names.includes("submittedCount")) {
          armed = false;
          throw Object.assign(new Error("simulated crash"), { name: "InternalServerError" });
        }
        return next(args);
      },
      { step: "initialize", name: "crashOnTotals" },
    );
    const body = {
      blockId: "work-experience",
      candidateRef: "R3",
      startDate: "2025-01-01",
      endDate: "2025-03-31",
      period: "2025-Q1",
    };
    const key = newKey();
    const crashed = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      body,
      idempotencyKey: key,
    }).finally(() => db.middlewareStack.remove("crashOnTotals"));
    expect(crashed.status).toBe(500);
    const retried = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      body,
      idempotencyKey: key,
    });
    expect(retried.status).toBe(201);
    const unverified = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(unverified.body.totalsVerified).toBe(false);
    const repaired = await call("POST", `/v1/contracts/${id}/totals/recompute`, { token: tokens.admin });
    expect(repaired.body).toMatchObject({ repaired: true, entries: 1 });
    const fixed = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    expect(fixed.body).toMatchObject({ pending: eur(2250), totalsVerified: true, entries: { submitted: 1 } });
  });
});
