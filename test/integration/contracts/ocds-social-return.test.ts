import { describe, expect, it } from "vitest";
import { centsFromMoney } from "../../../lib/domain/money.js";
import { getStoredContract } from "../../../lib/contracts/contract/access.js";
import type { Contract } from "../../../lib/contracts/contract/model.js";
import { loadSocialReturn } from "../../../lib/ocds/social-return.js";
import { publicFields } from "../../../lib/store/ops.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract } from "../sroi/support.js";
import { callsOf } from "./support.js";

/**
 * The social return of a contract in OCDS is read from the same stored running totals as its balance:
 * the realised value per month equals the accepted entries of that month, and the milestone follows the
 * balance's status.
 */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplierId = DEMO.suppliers[2];
const supplier = await tokenFor("supplier", supplierId);
const deventer = await tokenFor("officer", DEMO.municipalities[1]);

const submit = async (
  contractId: string,
  candidateRef: string,
  period: string,
  start: string,
  end: string,
) => {
  const res = await call("POST", `/v1/contracts/${contractId}/entries`, {
    token: supplier,
    idempotencyKey: newKey(),
    body: { blockId: "work-experience", candidateRef, startDate: start, endDate: end, period },
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, cents: centsFromMoney(res.body.value) };
};
const review = async (contractId: string, entryId: string, decision: "accept" | "reject") => {
  const res = await call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
    token: tokens.auditor,
    body: { decision, reason: "checked" },
  });
  expect(res.status, res.text).toBe(200);
};
const stored = async (id: string) => publicFields<Contract>((await getStoredContract(id))!);

describe("a contract's social return as OCDS implementation", () => {
  it("shows the accepted value per month from the month rows, and the balance's status as the milestone's", async () => {
    const id = await newContract(deventer, "DV-OCDS-SR-1", { supplierId });
    const q1 = await submit(id, "O1", "2025-Q1", "2025-02-03", "2025-03-31");
    const q1b = await submit(id, "O2", "2025-Q1", "2025-01-06", "2025-03-31");
    const may = await submit(id, "O3", "2025-05", "2025-05-01", "2025-05-31");
    const rejected = await submit(id, "O4", "2025-06", "2025-06-01", "2025-06-30");
    await submit(id, "O5", "2025-07", "2025-07-01", "2025-07-31"); // pending: not realised
    for (const e of [q1, q1b, may]) await review(id, e.id, "accept");
    await review(id, rejected.id, "reject");

    const implementation = (await loadSocialReturn(await stored(id), clock.now()))!;
    const balance = (await call("GET", `/v1/contracts/${id}/balance`, { token: deventer })).body;

    expect(implementation.socialReturn.periods.map((p) => [p.id, centsFromMoney(p.realisedValue)])).toEqual([
      ["2025-03", q1.cents + q1b.cents],
      ["2025-05", may.cents],
    ]);
    expect(implementation.socialReturn.realisedValue).toEqual(balance.credited);
    expect(implementation.socialReturn.obligation).toEqual(balance.obligation);
    expect(implementation.socialReturn.balanceStatus).toBe(balance.status);
    expect(implementation.socialReturn.totalsVerified).toBe(true);
    expect(["on-track", "behind"]).toContain(balance.status);
    expect(implementation.milestones).toEqual([
      expect.objectContaining({ status: "scheduled", dueDate: "2026-12-31T22:59:59.000Z" }),
    ]);
    // Aggregates only: nothing of an entry or a candidate reaches the export.
    const text = JSON.stringify(implementation);
    for (const ref of ["O1", "O2", "O3", "O4", "O5", q1.id, rejected.id])
      expect(text).not.toContain(`"${ref}"`);
    expect(text).not.toContain("candidate");
  });

  it("is met once the obligation is credited, dated at the end of the month that reached it", async () => {
    // EUR 200,000 at the demo policy's 5 %: an obligation of EUR 10,000, reached by the Q2 entries.
    const id = await newContract(deventer, "DV-OCDS-SR-2", {
      supplierId,
      value: { amount: 200_000, currency: "EUR" },
      startDate: "2025-01-01",
      endDate: "2025-12-31",
    });
    const obligationCents = (await stored(id)).obligation.cents;
    expect(obligationCents).toBe(1_000_000);
    const q1 = await Promise.all(
      ["M1", "M2", "M3"].map((ref) => submit(id, ref, "2025-Q1", "2025-01-01", "2025-03-31")),
    );
    const q2 = await Promise.all(
      ["M4", "M5", "M6"].map((ref) => submit(id, ref, "2025-Q2", "2025-04-01", "2025-06-30")),
    );
    for (const e of [...q1, ...q2]) await review(id, e.id, "accept");
    const sum = (entries: { cents: number }[]) => entries.reduce((a, e) => a + e.cents, 0);
    expect(sum(q1)).toBeLessThan(obligationCents);
    expect(sum([...q1, ...q2])).toBeGreaterThanOrEqual(obligationCents);

    const implementation = (await loadSocialReturn(await stored(id), clock.now()))!;
    expect(implementation.milestones?.[0]).toMatchObject({
      status: "met",
      dueDate: "2025-12-31T22:59:59.000Z",
      dateMet: "2025-06-30T21:59:59.000Z",
    });
    expect(implementation.socialReturn.balanceStatus).toBe("fulfilled");
  });

  it("is partially met once the contract has ended short of its obligation", async () => {
    const id = await newContract(deventer, "DV-OCDS-SR-4", {
      supplierId,
      value: { amount: 200_000, currency: "EUR" },
      startDate: "2025-01-01",
      endDate: "2025-12-31",
    });
    const entry = await submit(id, "P1", "2025-03", "2025-03-01", "2025-03-31");
    await review(id, entry.id, "accept");
    const implementation = (await loadSocialReturn(await stored(id), clock.now()))!;
    expect(implementation.socialReturn.balanceStatus).toBe("shortfall");
    expect(implementation.milestones?.[0]?.status).toBe("partiallyMet");
    expect(implementation.milestones?.[0]).not.toHaveProperty("dateMet");
  });

  it("reads without writing, in at most four calls however many entries", async () => {
    const id = await newContract(deventer, "DV-OCDS-SR-3", { supplierId });
    for (const ref of ["R1", "R2", "R3"]) {
      const e = await submit(id, ref, "2025-Q1", "2025-02-03", "2025-03-31");
      await review(id, e.id, "accept");
    }
    const contract = await stored(id);
    const { calls } = await callsOf(() => loadSocialReturn(contract, clock.now()));
    const writes = calls.filter((c) => !["QueryCommand", "GetItemCommand", "GetCommand"].includes(c.command));
    expect(writes).toEqual([]);
    expect(calls.length).toBeLessThanOrEqual(4);
  });
});
