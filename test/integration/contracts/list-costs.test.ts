import { describe, expect, it } from "vitest";
import {
  contractEntity,
  contractIndexKeys,
  contractKey,
  contractQueries,
} from "../../../lib/entities/contract.js";
import { regionContractPointerKey } from "../../../lib/entities/contract-pointer.js";
import {
  entryIndexKeys,
  entryKey,
  entryQueries,
  isEntry,
  REVIEW_QUEUE_FIELDS,
} from "../../../lib/entities/entry.js";
import { organisationKey } from "../../../lib/entities/organisation.js";
import { blockTotalsKey, isBlockTotals, isTotals, totalsKey } from "../../../lib/entities/totals.js";
import type { Item } from "../../../lib/store/ops.js";
import { queryAll } from "../../../lib/store/paging.js";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract } from "../sroi/support.js";
import { callsOf, putAll, type SentCall } from "./support.js";

/**
 * Lists cost a constant number of DynamoDB calls per page: contracts with their balances (500 of them),
 * and a contract's entries of one status (one match among 2,000 entries).
 */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplierId = DEMO.suppliers[1];
const supplier = await tokenFor("supplier", supplierId);

const submit = (contractId: string, candidateRef: string, blockId = "work-experience") =>
  call("POST", `/v1/contracts/${contractId}/entries`, {
    token: supplier,
    idempotencyKey: newKey(),
    body: { blockId, candidateRef, startDate: "2025-02-03", endDate: "2025-02-03", period: "2025-02" },
  });

/** The calls a request made for its answer: all but the read of the caller's organisation (the token check). */
const listCalls = (calls: SentCall[], orgId: string) =>
  calls
    .filter(
      (c) =>
        !(
          c.command === "GetItemCommand" &&
          JSON.stringify(c.input.Key) === JSON.stringify(organisationKey(orgId))
        ),
    )
    .map((c) => c.command);

// 500 contracts of Zwolle with a demo supplier in the demo region: one registered through the API with
// an entry, 499 copies of its contract, region pointer and totals rows (TOTALS and one block row).
const first = await newContract(tokens.officer, "ZW-COST-000");
expect((await submit(first, "C1")).status).toBe(201);
const rows = await queryAll<Item>(contractQueries.partition(first));
const doc = contractEntity.read(rows.find((r) => r.sk === contractKey(first).sk));
const totalsRows = rows.filter((r) => isTotals(r) || isBlockTotals(r));
expect(totalsRows).toHaveLength(2);
const clones: Record<string, unknown>[] = [];
for (let n = 1; n < 500; n++) {
  const id = `${first}-${String(n).padStart(3, "0")}`;
  const contract = { ...doc, id, reference: `ZW-COST-${String(n).padStart(3, "0")}` };
  clones.push({ ...contract, ...contractKey(id), ...contractIndexKeys(contract) });
  clones.push({
    ...regionContractPointerKey(contract.regionId, id),
    contractId: id,
    buyerId: contract.buyerId,
    supplierId: contract.supplierId,
    startDate: contract.startDate,
    endDate: contract.endDate,
  });
  for (const row of totalsRows)
    clones.push({
      ...row,
      ...(isTotals(row) ? totalsKey(id) : blockTotalsKey(id, String(row.blockId))),
    });
}
await putAll(clones);
const ours = <T extends { id: string }>(items: T[]) => items.filter((i) => i.id.startsWith(first));

describe("contract lists with balances: constant calls per page", () => {
  it.each([
    ["an auditor (region)", () => tokens.auditor, DEMO.regionBody],
    ["an officer (municipality)", () => tokens.officer, DEMO.municipalities[0]],
    ["a supplier (own contracts)", () => supplier, supplierId],
  ])("%s: a query and two BatchGetItems a page, for any page of up to 50", async (_, token, orgId) => {
    for (const limit of [1, 10, 50]) {
      const { result, calls } = await callsOf(() =>
        call("GET", `/v1/contracts?limit=${limit}`, { token: token() }),
      );
      expect(result.status).toBe(200);
      expect(result.body.items).toHaveLength(limit);
      expect(listCalls(calls, orgId)).toEqual(["QueryCommand", "BatchGetItemCommand", "BatchGetItemCommand"]);
    }
  });

  it("walks all 500 in pages of 50, each contract once with its balance, at 3 calls a page", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    const { calls } = await callsOf(async () => {
      do {
        const res = await call("GET", `/v1/contracts?limit=50${cursor ? `&cursor=${cursor}` : ""}`, {
          token: tokens.auditor,
        });
        expect(res.status).toBe(200);
        for (const item of ours<{ id: string; balance: unknown }>(res.body.items)) {
          expect(item.balance).toMatchObject({
            contractId: item.id,
            pending: { amount: expect.any(Number) },
          });
          seen.push(item.id);
        }
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
    });
    expect(new Set(seen).size).toBe(500);
    expect(seen).toHaveLength(500);
    expect(listCalls(calls, DEMO.regionBody)).toEqual(
      Array.from({ length: pages }, () => [
        "QueryCommand",
        "BatchGetItemCommand",
        "BatchGetItemCommand",
      ]).flat(),
    );
  });

  it("shows each copy's balance as the contract's own balance shows it", async () => {
    const single = await call("GET", `/v1/contracts/${first}/balance`, { token: tokens.officer });
    const listed = await call("GET", "/v1/contracts?limit=500", { token: tokens.officer });
    const rest = await call("GET", `/v1/contracts?limit=500&cursor=${listed.body.nextCursor}`, {
      token: tokens.officer,
    });
    const copies = ours([...listed.body.items, ...rest.body.items]);
    expect(copies).toHaveLength(500);
    expect(single.body.byBlock).toHaveLength(1);
    for (const item of copies) expect(item.balance).toEqual({ ...single.body, contractId: item.id });
  });
});

// A contract with 2,000 entries: one awaiting review, the others accepted.
const busy = await newContract(tokens.officer, "ZW-COST-ENTRIES");
const waiting = await submit(busy, "W1");
expect(waiting.status).toBe(201);
const stored = (await queryAll<Item>(contractQueries.partition(busy))).find(isEntry)!;
const accepted: Record<string, unknown>[] = [];
for (let n = 0; n < 1999; n++) {
  const id = `a${String(n).padStart(5, "0")}`;
  const copy: Record<string, unknown> = { ...stored, ...entryKey(busy, id), id, status: "accepted" };
  for (const field of REVIEW_QUEUE_FIELDS) delete copy[field];
  accepted.push({ ...copy, ...entryIndexKeys({ contractId: busy, id, status: "accepted" }) });
}
await putAll(accepted);

describe("a contract's entries of one status: one query a page", () => {
  it("finds the one entry awaiting review among 2,000 with one query", async () => {
    // The caller's organisation is cached per container: read it now, so the count below holds the request's own calls.
    await call("GET", "/v1/me", { token: tokens.officer });
    const { result, calls } = await callsOf(() =>
      call("GET", `/v1/contracts/${busy}/entries?status=submitted&limit=50`, { token: tokens.officer }),
    );
    expect(result.status).toBe(200);
    expect(result.body.items.map((e: { id: string }) => e.id)).toEqual([waiting.body.id]);
    expect(result.body.nextCursor).toBeNull();
    const queries = calls.filter((c) => c.command === "QueryCommand");
    expect(queries).toHaveLength(1);
    expect(queries[0]!.input.IndexName).toBe(entryQueries.ofContractWithStatus(busy, "submitted").index);
    expect(queries[0]!.input.FilterExpression).toBeUndefined();
    // The contract (access check) and the page.
    expect(calls.map((c) => c.command).sort()).toEqual(["GetItemCommand", "QueryCommand"]);
  });

  it("pages through the 1,999 accepted entries, 50 a page, in id order, one query a page", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    const { calls } = await callsOf(async () => {
      do {
        const res = await call(
          "GET",
          `/v1/contracts/${busy}/entries?status=accepted&limit=50${cursor ? `&cursor=${cursor}` : ""}`,
          { token: tokens.auditor },
        );
        expect(res.status).toBe(200);
        expect(res.body.items.every((e: { status: string }) => e.status === "accepted")).toBe(true);
        ids.push(...res.body.items.map((e: { id: string }) => e.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
    });
    expect(ids).toHaveLength(1999);
    expect(ids).toEqual([...ids].sort());
    expect(pages).toBe(40);
    expect(calls.filter((c) => c.command === "QueryCommand")).toHaveLength(pages);
  });

  it("the review queue: one query on its sparse index and one BatchGetItem of the page's contracts", async () => {
    const { result, calls } = await callsOf(() =>
      call("GET", "/v1/entries?status=submitted&limit=50", { token: tokens.auditor }),
    );
    expect(result.status).toBe(200);
    expect(result.body.items.map((e: { id: string }) => e.id)).toContain(waiting.body.id);
    expect(listCalls(calls, DEMO.regionBody)).toEqual(["QueryCommand", "BatchGetItemCommand"]);
    expect(calls.find((c) => c.command === "QueryCommand")!.input.FilterExpression).toBeUndefined();
  });
});
