import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  candidateClaimEntity,
  candidateClaimKey,
  fteClaimKey,
  isCandidateClaim,
} from "../../../lib/entities/claims.js";
import { commitmentKey, commitmentQueries } from "../../../lib/entities/commitment.js";
import {
  contractIndexKeys,
  contractKey,
  contractPartition,
  contractQueries,
} from "../../../lib/entities/contract.js";
import {
  entryEntity,
  entryIndexKeys,
  entryKey,
  hasEntryIndexKeys,
  entryQueries,
  isEntry,
  REVIEW_QUEUE_FIELDS,
  reviewQueueIndexKeys,
} from "../../../lib/entities/entry.js";
import { obligationKey, obligationQueries } from "../../../lib/entities/obligation.js";
import { isPersonMarker, personKey, personQueries } from "../../../lib/entities/person.js";
import { retentionPlanKey } from "../../../lib/entities/retention-plan.js";
import {
  blockTotalsEntity,
  blockTotalsKey,
  isBlockTotals,
  isTotals,
  totalsEntity,
  totalsKey,
  totalsQueries,
} from "../../../lib/entities/totals.js";
import { CorruptItem } from "../../../lib/store/entity.js";
import type { AccessPattern } from "../../../lib/store/entity.js";
import type { Key } from "../../../lib/store/ops.js";
import { TABLE } from "../../../lib/store/table.js";

/** One item of every kind in a contract's partition, named by kind. */
const partitionItems = (id: string, entryId: string, blockId: string, ref: string) => ({
  contract: contractKey(id),
  obligation: obligationKey(id, 1),
  commitment: commitmentKey(id, 1),
  totals: totalsKey(id),
  blockTotals: blockTotalsKey(id, blockId),
  person: personKey(id, blockId, ref),
  entry: entryKey(id, entryId),
  candidateClaim: candidateClaimKey(id, ref),
  retentionPlan: retentionPlanKey(id),
});
type Kind = keyof ReturnType<typeof partitionItems>;

const predicates: Record<string, (key: Key) => boolean> = {
  isEntry,
  isTotals,
  isBlockTotals,
  isPersonMarker,
  isCandidateClaim,
};
const predicateOf: Partial<Record<Kind, string>> = {
  entry: "isEntry",
  totals: "isTotals",
  blockTotals: "isBlockTotals",
  person: "isPersonMarker",
  candidateClaim: "isCandidateClaim",
};

const readBy = (query: AccessPattern, key: Key) =>
  !query.index && key.pk === query.pk && key.sk.startsWith(query.skBeginsWith ?? "");

const text = fc.string({ minLength: 1, maxLength: 12 });

describe("the contract aggregate's keys", () => {
  it("keep every item of a contract in its partition; the supplier-wide FTE claim lives elsewhere", () => {
    fc.assert(
      fc.property(text, text, text, text, (id, entryId, blockId, ref) => {
        for (const key of Object.values(partitionItems(id, entryId, blockId, ref)))
          expect(key.pk).toBe(contractPartition(id));
        expect(fteClaimKey("supplier", ref).pk).not.toBe(contractPartition(id));
      }),
    );
  });

  it("tell the kinds in one partition apart: each predicate holds for its own kind only, whatever the ids", () => {
    fc.assert(
      fc.property(text, text, text, text, (id, entryId, blockId, ref) => {
        for (const [kind, key] of Object.entries(partitionItems(id, entryId, blockId, ref)))
          for (const [name, holds] of Object.entries(predicates))
            expect(holds(key), `${name} of ${kind}`).toBe(predicateOf[kind as Kind] === name);
      }),
    );
  });

  it("are read by their kind's query and by no other kind's", () => {
    const queries: Partial<Record<Kind, (id: string) => AccessPattern>> = {
      obligation: obligationQueries.ofContract,
      commitment: commitmentQueries.ofContract,
      entry: (id) => entryQueries.ofContract(id),
      person: personQueries.ofContract,
    };
    fc.assert(
      fc.property(text, text, text, text, (id, entryId, blockId, ref) => {
        const items = partitionItems(id, entryId, blockId, ref);
        for (const [kind, key] of Object.entries(items)) {
          for (const [queried, query] of Object.entries(queries))
            expect(readBy(query(id), key), `${queried} query on ${kind}`).toBe(kind === queried);
          const totalsRow = kind === "totals" || kind === "blockTotals";
          expect(readBy(totalsQueries.ofContract(id), key), `totals query on ${kind}`).toBe(totalsRow);
          expect(readBy(contractQueries.partition(id), key)).toBe(true);
        }
      }),
    );
  });

  it("list obligation and commitment versions oldest first", () => {
    const version = fc.integer({ min: 1, max: 999_999 });
    fc.assert(
      fc.property(version, version, (x, y) => {
        fc.pre(x !== y);
        const [a, b] = x < y ? [x, y] : [y, x];
        expect(obligationKey("c", a).sk < obligationKey("c", b).sk).toBe(true);
        expect(commitmentKey("c", a).sk < commitmentKey("c", b).sk).toBe(true);
      }),
    );
  });
});

/** The field an index query reads its partition from. */
const partitionField = (query: AccessPattern) =>
  TABLE.indexes.find((index) => index.name === query.index)!.partitionKey;

describe("the contract aggregate's index keys", () => {
  const contract = {
    id: "c1",
    buyerId: "zwolle",
    supplierId: "groen",
    startDate: "2025-01-01",
    regionId: "r",
  };
  const entry = { id: "e1", submittedAt: "2025-02-01T10:00:00.000Z" };

  it("are written where the buyer's and the supplier's contract lists read them", () => {
    const written: Record<string, string> = contractIndexKeys(contract);
    for (const query of [contractQueries.ofBuyer("zwolle"), contractQueries.ofSupplier("groen")])
      expect(written[partitionField(query)]).toBe(query.pk);
  });

  it("put a submitted entry where both review queues read, and leaving removes exactly those fields", () => {
    const written: Record<string, string> = reviewQueueIndexKeys(contract, entry);
    for (const query of [entryQueries.reviewQueueOfBuyer("zwolle"), entryQueries.reviewQueueOfRegion("r")]) {
      expect(written[partitionField(query)]).toBe(query.pk);
      // Only submitted entries carry these keys: the query needs no filter.
      expect(query.filter).toBeUndefined();
    }
    expect([...REVIEW_QUEUE_FIELDS].sort()).toEqual(Object.keys(written).sort());
  });

  it("put an entry where the list of its status reads, and no other status's list", () => {
    const statuses = ["submitted", "accepted", "rejected"] as const;
    fc.assert(
      fc.property(text, text, text, fc.constantFrom(...statuses), (contractId, otherId, id, status) => {
        const written: Record<string, string> = entryIndexKeys({ contractId, id, status });
        const index = TABLE.indexes.find((i) => i.partitionKey in written)!;
        for (const listed of statuses) {
          const query = entryQueries.ofContractWithStatus(contractId, listed);
          expect(query.index).toBe(index.name);
          const reads =
            written[index.partitionKey] === query.pk &&
            written[index.sortKey]!.startsWith(query.skBeginsWith!);
          expect(reads, `${status} entry in the ${listed} list`).toBe(listed === status);
          const other = entryQueries.ofContractWithStatus(otherId, listed);
          if (otherId !== contractId) expect(written[index.partitionKey]).not.toBe(other.pk);
        }
        expect(hasEntryIndexKeys({ ...written, contractId, id, status })).toBe(true);
      }),
    );
  });
});

describe("the contract aggregate's read-back schemas", () => {
  it("read a totals row whose counters were never written, keeping an upload's marker", () => {
    const row = { ...totalsKey("c1"), "upload#op-1": { phase: "begun" } };
    expect(totalsEntity.read(row)).toEqual(row);
    const block = { ...blockTotalsKey("c1", "b1"), blockId: "b1", kind: "placement", targetGroup: null };
    expect(blockTotalsEntity.read(block)).toEqual(block);
  });

  it("refuse a stored item that does not fit, naming the entity and field", () => {
    expect(() => blockTotalsEntity.read({ ...blockTotalsKey("c1", "b1"), pendingCents: "12" })).toThrow(
      CorruptItem,
    );
    expect(() => candidateClaimEntity.read({ ...candidateClaimKey("c1", "ref"), version: 1 })).toThrow(
      /candidate claim .*periods/,
    );
    expect(() => entryEntity.read({ ...entryKey("c1", "e1"), status: "approved" })).toThrow(/entry .*status/);
  });
});
