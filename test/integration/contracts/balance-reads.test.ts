import { describe, expect, it } from "vitest";
import { BLOCK_IDS_FIELD, totalsKey } from "../../../lib/entities/totals.js";
import { removeFieldsIf } from "../../../lib/store/ops.js";
import { call, DEMO, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract } from "../sroi/support.js";
import { callsOf, submitQuarterEntry } from "./support.js";

/**
 * A contract's balance on a warm container: the contract and its totals rows in one BatchGetItem,
 * checked against the TOTALS row read in the same call, with the same figures as the first read's
 * GetItem and Query.
 */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplierId = DEMO.suppliers[2];
const supplier = await tokenFor("supplier", supplierId);
const officer = await tokenFor("officer", DEMO.municipalities[1]);

const submit = (contractId: string, candidateRef: string, blockId: string, extra = {}) =>
  submitQuarterEntry(supplier, contractId, candidateRef, blockId, extra);
const accept = async (contractId: string, entryId: string) => {
  const res = await call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
    token: tokens.auditor,
    body: { decision: "accept", reason: "checked" },
  });
  expect(res.status, res.text).toBe(200);
};

/** The balance as `token` sees it, and the DynamoDB commands the request sent. */
async function balance(contractId: string, token = officer) {
  const { result, calls } = await callsOf(() =>
    call("GET", `/v1/contracts/${contractId}/balance`, { token }),
  );
  return {
    status: result.status,
    body: result.body,
    text: result.text,
    commands: calls.map((c) => c.command),
  };
}

/** A contract with an accepted entry in one block and a pending one in another. */
async function contractWithEntries(reference: string) {
  const id = await newContract(officer, reference, { supplierId });
  await accept(id, await submit(id, "R1", "work-experience"));
  await submit(id, "R2", "bbl-1-2");
  return id;
}

describe("a contract's balance read in one call", () => {
  it("the second read takes one BatchGetItem and answers what the first read's GetItem and Query did", async () => {
    const id = await contractWithEntries("DV-BR-1");
    const first = await balance(id);
    expect(first.status, first.text).toBe(200);
    expect(first.commands.sort()).toEqual(["GetItemCommand", "QueryCommand"]);
    const second = await balance(id);
    expect(second.commands).toEqual(["BatchGetItemCommand"]);
    expect(second.body).toEqual(first.body);
    expect(second.body.byBlock.map((b: { blockId: string }) => b.blockId)).toEqual([
      "bbl-1-2",
      "work-experience",
    ]);
  });

  it("an entry in a block the container has not seen: read again with the query, counted, then one call again", async () => {
    const id = await contractWithEntries("DV-BR-2");
    await balance(id);
    await submit(id, "R3", "pwet-gt-2y", { fte: 0.5 });
    const after = await balance(id);
    expect(after.commands).toContain("QueryCommand");
    expect(after.body.byBlock.map((b: { blockId: string }) => b.blockId)).toEqual([
      "bbl-1-2",
      "pwet-gt-2y",
      "work-experience",
    ]);
    expect(after.body.entries).toEqual({ submitted: 2, accepted: 1, rejected: 0 });
    const again = await balance(id);
    expect(again.commands).toEqual(["BatchGetItemCommand"]);
    expect(again.body).toEqual(after.body);
  });

  it("a TOTALS row stored before it named its block rows: read with the query, the same figures", async () => {
    const id = await contractWithEntries("DV-BR-3");
    await balance(id);
    const warm = await balance(id);
    expect(warm.commands).toEqual(["BatchGetItemCommand"]);
    expect(await removeFieldsIf(totalsKey(id), [BLOCK_IDS_FIELD])).toBe(true);
    for (let i = 0; i < 2; i++) {
      const legacy = await balance(id);
      expect(legacy.commands).toContain("QueryCommand");
      expect(legacy.body).toEqual(warm.body);
    }
  });

  it("a contract seen in a list: its balance in one call at once", async () => {
    const id = await contractWithEntries("DV-BR-6");
    const listed = await call("GET", "/v1/contracts?limit=500", { token: officer });
    const row = listed.body.items.find((i: { id: string }) => i.id === id);
    const single = await balance(id);
    expect(single.commands).toEqual(["BatchGetItemCommand"]);
    expect(single.body).toEqual(row.balance);
  });

  it("another municipality's officer on a warm container: 404, nothing of the totals in the answer", async () => {
    const id = await contractWithEntries("DV-BR-4");
    await balance(id);
    const token = await tokenFor("officer", DEMO.municipalities[2]);
    // Its organisation is then cached, as on a warm container.
    await call("GET", "/v1/me", { token });
    const other = await balance(id, token);
    expect(other.commands).toEqual(["BatchGetItemCommand"]);
    expect(other.status).toBe(404);
    expect(other.text).not.toMatch(/credited|pending|obligation/);
  });

  it("a contract without entries (no TOTALS row): zero figures, read as before", async () => {
    const id = await newContract(officer, "DV-BR-5", { supplierId });
    for (let i = 0; i < 2; i++) {
      const empty = await balance(id);
      expect(empty.commands.sort()).toEqual(["GetItemCommand", "QueryCommand"]);
      expect(empty.body.credited).toEqual({ amount: 0, currency: "EUR" });
      expect(empty.body.byBlock).toEqual([]);
    }
  });
});
