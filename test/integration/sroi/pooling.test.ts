import { InternalServerError } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { poolTransferEntity } from "../../../lib/entities/pool-transfer.js";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { useFreshCaches } from "../../support/cache-clock.js";
import { type CommandName, useFaults } from "../../support/faults.js";
import { eur, newContract, policyBody } from "./support.js";

/**
 * Pooling (policy allowPooling): the region's auditor moves accepted realisation above one contract's
 * obligation to another contract of the same supplier in the region; both balances show and count it.
 */
useClock(new Date("2026-07-01T12:00:00Z"));
useFreshCaches();
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

const faults = useFaults();

// Version 1 (the demo policy) does not pool; version 2, from 2025-06-01, does (5 % from EUR 100,000).
const noPooling = await newContract(tokens.officer, "PL-OLD", { startDate: "2025-01-01" });
const published = await call("POST", `/v1/sroi/policies/${DEMO.region}`, {
  token: tokens.auditor,
  idempotencyKey: newKey(),
  body: { ...policyBody("oost-nederland"), effectiveFrom: "2025-06-01", allowPooling: true },
});
const later = { startDate: "2025-07-01", endDate: "2026-12-31" };
// A: EUR 100,000 → obligation EUR 5,000; B: EUR 400,000 → obligation EUR 20,000.
const A = await newContract(tokens.officer, "PL-A", { ...later, value: eur(100_000) });
const B = await newContract(tokens.officer, "PL-B", { ...later, value: eur(400_000) });
const otherSupplier = await newContract(tokens.officer, "PL-OTHER", {
  ...later,
  supplierId: DEMO.suppliers[2],
});

/** EUR 20,000 accepted on A: Participatiewet > 2 years, 1 FTE, 6 months. */
const entry = await call("POST", `/v1/contracts/${A}/entries`, {
  token: supplier,
  idempotencyKey: newKey(),
  body: {
    blockId: "pwet-gt-2y",
    candidateRef: "PL-1",
    startDate: "2025-07-01",
    endDate: "2025-12-31",
    fte: 1,
    period: "2025",
    targetGroupEvidence: { kind: "uitkeringsbewijs", date: "2025-06-15" },
  },
});
await call("POST", `/v1/contracts/${A}/entries/${entry.body.id}/review`, {
  token: tokens.auditor,
  body: { decision: "accept", reason: "payroll checked" },
});

const transfer = (
  from: string,
  body: Record<string, unknown>,
  idempotencyKey = newKey(),
  token = tokens.auditor,
) => call("POST", `/v1/contracts/${from}/pool-transfers`, { token, body, idempotencyKey });
const balance = async (id: string) =>
  (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.auditor })).body;

describe("pooling realisation between a supplier's contracts in a region", () => {
  it("moves surplus from A to B: both balances show and count it; the lists show each side", async () => {
    expect(published.status).toBe(201);
    expect(published.body.allowPooling).toBe(true);
    expect(entry.status).toBe(201);
    expect(await balance(A)).toMatchObject({ credited: eur(20000), overRealisation: eur(15000) });

    const res = await transfer(A, {
      toContractId: B,
      amount: eur(10000),
      reason: "B's works moved to A's site",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      direction: "out",
      fromContractId: A,
      toContractId: B,
      amount: eur(10000),
    });

    expect(await balance(A)).toMatchObject({
      credited: eur(20000),
      pooledOut: eur(10000),
      pooledIn: eur(0),
      shortfall: eur(0),
      overRealisation: eur(5000),
      status: "fulfilled",
    });
    expect(await balance(B)).toMatchObject({
      credited: eur(0),
      pooledOut: eur(0),
      pooledIn: eur(10000),
      shortfall: eur(10000),
      fulfilmentPercent: 50,
    });
    const outs = await call("GET", `/v1/contracts/${A}/pool-transfers`, { token: supplier });
    const ins = await call("GET", `/v1/contracts/${B}/pool-transfers`, { token: tokens.officer });
    expect(outs.body.items).toMatchObject([{ id: res.body.id, direction: "out", credited: true }]);
    expect(ins.body.items).toMatchObject([{ id: res.body.id, direction: "in", amount: eur(10000) }]);

    for (const id of [A, B]) {
      const trail = await call("GET", `/v1/audit?entity=${encodeURIComponent(`contract:${id}`)}`, {
        token: tokens.auditor,
      });
      expect(trail.status).toBe(200);
      expect(trail.body.items.map((e: { action: string }) => e.action)).toContain(
        "contract.pool-transferred",
      );
    }
  });

  it("lets one of two racing transfers through when the surplus holds only one; refuses above it", async () => {
    // EUR 5,000 left on A.
    const racing = await Promise.all([
      transfer(A, { toContractId: B, amount: eur(3000), reason: "race 1" }),
      transfer(A, { toContractId: B, amount: eur(3000), reason: "race 2" }),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = racing.find((r) => r.status === 422)!;
    expect(refused.body).toMatchObject({ code: "pool-above-surplus" });
    expect(refused.body.errors[0].path).toBe("body.amount");
    const tooMuch = await transfer(A, { toContractId: B, amount: eur(2000.01), reason: "too much" });
    expect(tooMuch.body.code, tooMuch.text).toBe("pool-above-surplus");
    expect((await transfer(A, { toContractId: B, amount: eur(2000), reason: "the rest" })).status).toBe(201);
    expect(await balance(A)).toMatchObject({
      pooledOut: eur(15000),
      overRealisation: eur(0),
      shortfall: eur(0),
    });
    expect(await balance(B)).toMatchObject({ pooledIn: eur(15000), shortfall: eur(5000) });
    // B's pooled-in value is not passed on: B has no accepted realisation of its own.
    expect((await transfer(B, { toContractId: A, amount: eur(1), reason: "back" })).body.code).toBe(
      "pool-above-surplus",
    );
  });

  it("refuses without pooling in the policy, to another supplier, to itself, and for other roles", async () => {
    const other = await transfer(A, { toContractId: otherSupplier, amount: eur(1), reason: "x" });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: "pool-different-supplier" });
    expect(other.body.errors[0].path).toBe("body.toContractId");
    expect((await transfer(A, { toContractId: noPooling, amount: eur(1), reason: "x" })).body.code).toBe(
      "pooling-not-allowed",
    );
    expect((await transfer(noPooling, { toContractId: A, amount: eur(1), reason: "x" })).body.code).toBe(
      "pooling-not-allowed",
    );
    expect((await transfer(A, { toContractId: A, amount: eur(1), reason: "x" })).body.code).toBe(
      "pool-same-contract",
    );
    expect((await transfer(A, { toContractId: "c-unknown", amount: eur(1), reason: "x" })).body.code).toBe(
      "pool-unknown-contract",
    );
    expect(
      (await transfer(A, { toContractId: B, amount: eur(1), reason: "x" }, newKey(), supplier)).status,
    ).toBe(403);
    expect((await transfer(A, { toContractId: B, amount: eur(-1), reason: "x" })).body.code).toBe(
      "pool-amount",
    );
    // The contract without pooling shows zero pooled figures.
    expect(await balance(noPooling)).toMatchObject({ pooledOut: eur(0), pooledIn: eur(0) });
  });

  it("a transfer that crashed after drawing on the source is completed by its retry, counted once", async () => {
    const C = await newContract(tokens.officer, "PL-C", { ...later, value: eur(100_000) });
    const e = await call("POST", `/v1/contracts/${C}/entries`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: {
        blockId: "pwet-gt-2y",
        candidateRef: "PL-2",
        startDate: "2026-01-01",
        endDate: "2026-03-31",
        fte: 1,
        period: "2026-Q1",
      },
    });
    await call("POST", `/v1/contracts/${C}/entries/${e.body.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "checked" },
    });
    // EUR 10,000 accepted, obligation EUR 5,000: EUR 5,000 surplus. The write of B's side fails once.
    let fired = false;
    faults.inject((name: CommandName, input: any) => {
      const inSide =
        name === "Put" && input.Item && poolTransferEntity.owns(input.Item) && input.Item.direction === "in";
      if (fired || !inSide) return undefined;
      fired = true;
      return new InternalServerError({ message: "simulated crash", $metadata: {} });
    });
    const key = newKey();
    const body = { toContractId: B, amount: eur(4000), reason: "retried" };
    const before = await balance(B);
    const crashed = await transfer(C, body, key);
    expect(crashed.status).toBeGreaterThanOrEqual(500);
    // Drawn from C, not yet credited to B: never counted twice.
    expect((await balance(C)).pooledOut).toEqual(eur(4000));
    expect((await balance(B)).pooledIn).toEqual(before.pooledIn);
    const retried = await transfer(C, body, key);
    expect(retried.status).toBe(201);
    expect((await balance(C)).pooledOut).toEqual(eur(4000));
    expect((await balance(B)).pooledIn.amount).toBe(before.pooledIn.amount + 4000);
    // Only EUR 1,000 left on C: the retry did not draw twice.
    expect((await transfer(C, { toContractId: B, amount: eur(1000.01), reason: "x" })).body.code).toBe(
      "pool-above-surplus",
    );
  });
});
