import { describe, expect, it } from "vitest";
import { entryQueries } from "../../../lib/entities/entry.js";
import { db } from "../../../lib/store/client.js";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { eur, newContract as registerContract } from "./support.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

const newContract = (reference: string, dates = {}) => registerContract(tokens.officer, reference, dates);

const submit = (contractId: string, candidateRef: string) =>
  call("POST", `/v1/contracts/${contractId}/entries`, {
    token: supplier,
    idempotencyKey: newKey(),
    body: {
      blockId: "work-experience",
      candidateRef,
      startDate: "2025-01-01",
      endDate: "2025-01-31",
      period: "2025-01",
    },
  });

const balanceOf = async (id: string) =>
  (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer })).body;

/** Runs `during` once, right before the recompute's query of the contract's entries is sent. */
function beforeEntriesQuery(contractId: string, during: () => Promise<void>) {
  const entries = entryQueries.ofContract(contractId);
  let armed = true;
  db.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
      const values = input.ExpressionAttributeValues;
      if (armed && values?.[":pk"] === entries.pk && values[":sk"] === entries.skBeginsWith) {
        armed = false;
        await during();
      }
      return next(args);
    },
    { step: "initialize", name: "interleaveRecompute" },
  );
  return () => db.middlewareStack.remove("interleaveRecompute");
}

describe("recompute of the running totals (review)", () => {
  it("a submission between its reads is never counted twice nor shown as verified while wrong", async () => {
    const id = await newContract("ZW-RV-T1");
    expect((await submit(id, "T1")).status).toBe(201);
    const seen: { pending: number; verified: boolean }[] = [];
    const remove = beforeEntriesQuery(id, async () => {
      expect((await submit(id, "T2")).status).toBe(201);
    });
    let recompute: Awaited<ReturnType<typeof call>>;
    try {
      recompute = await call("POST", `/v1/contracts/${id}/totals/recompute`, { token: tokens.admin });
    } finally {
      remove();
    }
    expect(recompute.status).toBe(409);
    expect(recompute.text).toContain("Entries changed while recomputing");
    const after = await balanceOf(id);
    seen.push({ pending: after.pending.amount, verified: after.totalsVerified });
    expect(after).toMatchObject({ pending: eur(1500), totalsVerified: true, entries: { submitted: 2 } });
    expect(after.byBlock).toEqual([
      expect.objectContaining({ blockId: "work-experience", pending: eur(1500) }),
    ]);

    // A retry finds the totals consistent and leaves them so.
    const retry = await call("POST", `/v1/contracts/${id}/totals/recompute`, { token: tokens.admin });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ consistent: true, repaired: false, entries: 2 });
    const final = await balanceOf(id);
    seen.push({ pending: final.pending.amount, verified: final.totalsVerified });
    expect(final).toMatchObject({ pending: eur(1500), totalsVerified: true });
    // Never a verified figure other than the true one.
    expect(seen.filter((s) => s.verified).every((s) => s.pending === 1500)).toBe(true);
  });

  it("a repair with a submission between its reads refuses, and the next one repairs", async () => {
    const id = await newContract("ZW-RV-T2");
    expect((await submit(id, "T1")).status).toBe(201);
    const { addCounters } = await import("../../../lib/store/counters.js");
    const { totalsKey } = await import("../../../lib/entities/totals.js");
    await addCounters(totalsKey(id), { pendingCents: 123, inFlight: 1 }); // a crash between steps
    const remove = beforeEntriesQuery(id, async () => {
      expect((await submit(id, "T2")).status).toBe(201);
    });
    try {
      const refused = await call("POST", `/v1/contracts/${id}/totals/recompute`, { token: tokens.admin });
      expect(refused.status).toBe(409);
    } finally {
      remove();
    }
    const damaged = await balanceOf(id);
    expect(damaged.totalsVerified).toBe(false); // still flagged: nothing was half-repaired
    const repaired = await call("POST", `/v1/contracts/${id}/totals/recompute`, { token: tokens.admin });
    expect(repaired.body).toMatchObject({ repaired: true, entries: 2 });
    const fixed = await balanceOf(id);
    expect(fixed).toMatchObject({ pending: eur(1500), totalsVerified: true, entries: { submitted: 2 } });
    expect(fixed.byBlock).toEqual([
      expect.objectContaining({ blockId: "work-experience", pending: eur(1500) }),
    ]);
  });

  it("a settlement is refused while the totals are unverified, and recorded after the repair", async () => {
    const id = await newContract("ZW-RV-T3", { startDate: "2024-01-01", endDate: "2025-12-31" });
    const { addCounters } = await import("../../../lib/store/counters.js");
    const { totalsKey } = await import("../../../lib/entities/totals.js");
    await addCounters(totalsKey(id), { pendingCents: 0, inFlight: 1 }); // a crash between steps
    const settle = () =>
      call("POST", `/v1/contracts/${id}/settlement`, {
        token: tokens.officer,
        body: { outcome: "withheld", reason: "withheld from the last payment", version: 1 },
      });
    const refused = await settle();
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("totals-unverified");
    expect((await call("GET", `/v1/contracts/${id}`, { token: tokens.officer })).body.settlement).toBeNull();
    const repaired = await call("POST", `/v1/contracts/${id}/totals/recompute`, { token: tokens.admin });
    expect(repaired.body).toMatchObject({ repaired: true, inFlight: 1 });
    const settled = await settle();
    expect(settled.status).toBe(200);
    expect(settled.body.settlement).toMatchObject({ outcome: "withheld", shortfall: eur(100000) });
  });
});
