import { afterEach, describe, expect, it } from "vitest";
import { isEntry } from "../../../lib/entities/entry.js";
import { call, DEMO, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { injectFaults } from "../../support/faults.js";
import { eur, newContract } from "./support.js";

const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

async function endedContractWithEntries(reference: string, refs: [string, string, string][]) {
  const id = await newContract(tokens.officer, reference, {
    title: "Groenonderhoud",
    value: eur(300_000),
    startDate: "2024-01-01",
    endDate: "2024-06-30",
  });
  for (const [candidateRef, startDate, endDate] of refs) {
    const entry = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: { blockId: "work-experience", candidateRef, startDate, endDate, period: "2024-H1" },
    });
    expect(entry.status).toBe(201);
    const review = await call("POST", `/v1/contracts/${id}/entries/${entry.body.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "evidence checked" },
    });
    expect(review.status).toBe(200);
  }
  return id;
}

const refsOf = async (id: string) =>
  (await call("GET", `/v1/contracts/${id}/entries`, { token: tokens.officer })).body.items
    .map((e: { candidateRef: string; startDate: string }) => [e.startDate, e.candidateRef])
    .sort();

let mock: ReturnType<typeof injectFaults> | undefined;
afterEach(() => mock?.restore());

describe("retention of candidate references", () => {
  it("never gives a neutral name that a supplier already uses", async () => {
    const id = await endedContractWithEntries("ZW-RET-1", [
      ["anon-002", "2024-01-01", "2024-01-31"],
      ["Jansen", "2024-02-01", "2024-02-29"],
    ]);
    const done = await call("POST", `/v1/contracts/${id}/retention`, { token: tokens.admin });
    expect(done.body).toMatchObject({ replaced: 1 });
    expect(await refsOf(id)).toEqual([
      ["2024-01-01", "anon-002"],
      ["2024-02-01", "anon-001"],
    ]);
  });

  it("a run that crashed half-way is finished by the next with the same names and the same figures", async () => {
    const id = await endedContractWithEntries("ZW-RET-2", [
      ["Jansen", "2024-01-01", "2024-01-31"],
      ["Pietersen", "2024-02-01", "2024-02-29"],
      ["Jansen", "2024-03-01", "2024-03-31"],
    ]);
    const before = (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer })).body;
    // Crash on the second entry rename: one of Jansen's entries is neutral, the other not yet.
    let renames = 0;
    mock = injectFaults((name, input) => {
      const rename =
        name === "Update" &&
        isEntry(input.Key) &&
        Object.values(input.ExpressionAttributeNames ?? {}).includes("candidateRef");
      return rename && ++renames === 2 ? new Error("simulated crash") : undefined;
    });
    const crashed = await call("POST", `/v1/contracts/${id}/retention`, { token: tokens.admin });
    expect(crashed.status).toBe(500);
    mock.restore();

    const retried = await call("POST", `/v1/contracts/${id}/retention`, { token: tokens.admin });
    expect(retried.status).toBe(200);
    expect(await refsOf(id)).toEqual([
      ["2024-01-01", "anon-001"],
      ["2024-02-01", "anon-002"],
      ["2024-03-01", "anon-001"],
    ]);
    const after = (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer })).body;
    expect(after.credited).toEqual(before.credited);
    expect(after.byBlock).toEqual(before.byBlock);
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body.consistent).toBe(true);
  });
});
