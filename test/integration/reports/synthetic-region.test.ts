import { describe, expect, it } from "vitest";
import { FULL_SIZE, type SyntheticRegionOptions } from "../../../bench/synthetic/options.js";
import {
  completedRegion,
  entryInput,
  generateSyntheticRegion,
  syntheticRandom,
} from "../../../bench/synthetic/region.js";
import { getStoredContract } from "../../../lib/contracts/contract/access.js";
import type { Contract } from "../../../lib/contracts/contract/model.js";
import { reviewEntry } from "../../../lib/contracts/entries/review.js";
import { submitEntry } from "../../../lib/contracts/entries/submit.js";
import { recompute } from "../../../lib/contracts/totals/recompute.js";
import { findBlock } from "../../../lib/domain/sroi/catalogue.js";
import type { ReportRequest } from "../../../lib/domain/reports/model.js";
import { contractEntity, contractQueries } from "../../../lib/entities/contract.js";
import { entryEntity, entryQueries } from "../../../lib/entities/entry.js";
import { monthTotalsEntity, monthTotalsQueries } from "../../../lib/entities/month-totals.js";
import { totalsEntity, totalsKey } from "../../../lib/entities/totals.js";
import { type Actor, operation } from "../../../lib/operation.js";
import { gatherReportInput } from "../../../lib/reports/input.js";
import { requireCatalogue } from "../../../lib/sroi/rules.js";
import { installCallCounter } from "../../../lib/store/call-counter.js";
import { db } from "../../../lib/store/client.js";
import { getItem, publicFields } from "../../../lib/store/ops.js";
import { queryAll } from "../../../lib/store/paging.js";

/**
 * A small synthetic region (bench/synthetic/region.ts, the benchmark's generator): what it writes is what
 * the service would have kept — the service's own recompute finds every sampled contract's totals, block
 * rows and month rows equal to its entries — and a region report's input reads as many items however
 * many entries the contracts have in the same months.
 */
const OPTIONS: SyntheticRegionOptions = {
  ...FULL_SIZE,
  regionId: "syn-small",
  municipalities: 3,
  suppliers: 6,
  contracts: 20,
  entries: 600,
};
const NOW = new Date(OPTIONS.now);
const region = await generateSyntheticRegion(OPTIONS);
const admin = operation({ sub: "test-admin", role: "admin", orgId: "operator", regionId: null }, NOW);
const auditor: Actor = {
  sub: "test-auditor",
  role: "auditor",
  orgId: region.regionBodyId,
  regionId: region.regionId,
};

const contracts: Contract[] = (
  await Promise.all(
    region.municipalityIds.map(async (id) =>
      contractEntity.readAll(await queryAll(contractQueries.ofBuyer(id))),
    ),
  )
)
  .flat()
  .map((c) => publicFields<Contract>(c))
  .sort((a, b) => (a.reference < b.reference ? -1 : 1));
const entriesOf = async (contractId: string) =>
  entryEntity.readAll(await queryAll(entryQueries.ofContract(contractId)));

describe("synthetic region generator", () => {
  it("writes the contracts and a realistic mix of valued entries, and marks the region complete", async () => {
    expect(contracts).toHaveLength(OPTIONS.contracts);
    expect(new Set(contracts.map((c) => c.buyerId)).size).toBe(OPTIONS.municipalities);
    const entries = (await Promise.all(contracts.map((c) => entriesOf(c.id)))).flat();
    expect(entries).toHaveLength(OPTIONS.entries);
    expect(region.counts).toMatchObject({ contracts: OPTIONS.contracts, entries: OPTIONS.entries });
    for (const status of ["submitted", "accepted", "rejected"])
      expect(entries.filter((e) => e.status === status).length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.evidence.length === 0).length).toBe(region.counts.withoutEvidence);
    expect(region.counts.withoutEvidence).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.kind)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(entries.map((e) => e.catalogue.version))).toEqual(new Set(["2023", "2025"]));
    expect(entries.some((e) => /^\d{4}-Q\d$/.test(e.period))).toBe(true);
    expect(entries.some((e) => /^\d{4}-\d{2}$/.test(e.period))).toBe(true);
    expect(entries.every((e) => e.valueCents > 0 && e.totals === "applied")).toBe(true);
    // A supplier works for several municipalities.
    const buyersOf = new Map<string, Set<string>>();
    for (const c of contracts)
      buyersOf.set(c.supplierId, (buyersOf.get(c.supplierId) ?? new Set()).add(c.buyerId));
    expect(Math.max(...[...buyersOf.values()].map((b) => b.size))).toBeGreaterThan(1);
    // No backfill touches the totals: they were built with their month rows.
    for (const c of contracts) {
      const main = await getItem(totalsKey(c.id));
      if (main) expect(totalsEntity.read(main).periodRows).toBe(true);
    }
    expect(await completedRegion(OPTIONS)).toMatchObject({ counts: region.counts });
    expect(await completedRegion({ ...OPTIONS, entries: OPTIONS.entries + 1 })).toBeUndefined();
  });

  it("sampled contracts' totals, block rows and month rows equal what the service recomputes from their entries", async () => {
    const sample = contracts.filter((_, i) => i % 3 === 0);
    let checked = 0;
    for (const contract of sample) {
      const result = await recompute(admin, contract, "compare");
      expect(result.differences).toEqual([]);
      expect(result).toMatchObject({ consistent: true, inFlight: 0, repaired: false });
      checked += result.entries;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("items read for a region report's input", () => {
  const H1: ReportRequest = {
    regionId: region.regionId,
    scope: "region",
    scopeId: null,
    period: { from: "2026-01", to: "2026-06" },
  };

  /** A new entry in an existing month row of the contract (same block, a monthly label of that month), accepted or not. */
  const addEntry = async (contract: Contract, n: number, accept: boolean) => {
    const rows = monthTotalsEntity
      .readAll(await queryAll(monthTotalsQueries.upTo(contract.id, H1.period.to)))
      .filter((r) => r.month >= contract.startDate.slice(0, 7) && r.month <= contract.endDate.slice(0, 7));
    const row = rows.at(-1)!;
    const catalogue = await requireCatalogue(contract.policy.catalogueId, "2025");
    const kind = findBlock(catalogue, row.blockId)!.kind;
    const input = entryInput(contract, kind, row.blockId, row.month, 1000 + n, syntheticRandom(n));
    const supplier: Actor = {
      sub: "test-supplier",
      role: "supplier",
      orgId: contract.supplierId,
      regionId: null,
    };
    const entry = await submitEntry(operation(supplier, NOW), contract.id, input);
    if (accept)
      await reviewEntry(operation(auditor, NOW), contract.id, entry.id, {
        decision: "accept",
        reason: "checked",
      });
    return row;
  };

  it("does not grow when entries are added to the same contracts and months", async () => {
    const counter = installCallCounter(db);
    try {
      const read = async () => {
        const { result, calls } = await counter.counted(() => gatherReportInput(operation(auditor, NOW), H1));
        return { result, items: calls.reduce((n, c) => n + (c.itemsRead ?? 0), 0), calls: calls.length };
      };
      await read(); // policies and catalogues cached
      const before = await read();
      expect(before.result.contracts.length).toBeGreaterThan(5);
      const touched = before.result.contracts.filter((c) => c.months.length > 0).slice(0, 3);
      const grown: { contractId: string; month: string; blockId: string }[] = [];
      for (const [i, c] of touched.entries()) {
        const contract = publicFields<Contract>((await getStoredContract(c.id))!);
        for (let n = 0; n < 4; n++) {
          const row = await addEntry(contract, i * 10 + n, n % 2 === 0);
          grown.push({ contractId: c.id, month: row.month, blockId: row.blockId });
        }
      }
      const after = await read();
      expect(after.items).toBe(before.items);
      expect(after.calls).toBe(before.calls);
      // The entries landed in the rows that were read before, not in new ones.
      for (const { contractId, month, blockId } of grown) {
        const rowOf = (r: typeof before) =>
          r.result.contracts
            .find((c) => c.id === contractId)!
            .months.find((m) => m.month === month && m.blockId === blockId)!;
        expect(rowOf(after).entries).toBeGreaterThan(rowOf(before).entries);
      }
      // The generated totals and the service's own changes on top of them still agree with the entries.
      for (const c of touched) {
        const contract = publicFields<Contract>((await getStoredContract(c.id))!);
        expect(await recompute(admin, contract, "compare")).toMatchObject({
          consistent: true,
          differences: [],
        });
      }
    } finally {
      counter.remove();
    }
  });
});
