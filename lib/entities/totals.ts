/**
 * Running totals of a contract: CONTRACT#<id> / TOTALS, and one row per block: CONTRACT#<id> /
 * TOTALS#BLOCK#<blockId>. Changed with ADD only (never a version check), so a counter is absent until
 * its first write. A bulk upload also keeps its marker on the rows it changes, as field upload#<opId>.
 * TOTALS keeps the ids of the block rows in `blockIds` (a string set, ADDed by the write that raises an
 * operation's marker, before any block row is written), so a list of contracts reads the rows of a whole
 * page by key (BatchGetItem) instead of one query per contract. It may name a row that is not there.
 */
import * as z from "zod";
import { BLOCK_KINDS } from "../domain/sroi/catalogue.js";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";
import type { Key } from "../store/ops.js";
import { contractPartition } from "./contract.js";

const counter = z.number().int().optional();

const totalsFields = {
  creditedCents: counter,
  pendingCents: counter,
  rejectedCents: counter,
  submittedCount: counter,
  acceptedCount: counter,
  rejectedCount: counter,
  /** Operations between their first and their TOTALS write (see changeTotals). */
  inFlight: counter,
  /** Of those, the ones that cannot change the credited total (submissions, rejections). */
  pendingOnlyInFlight: counter,
  /** When the last marker was raised (the time the step ran, not the operation's clock). */
  inFlightSince: z.string().optional(),
  /** How many writes the row has had (see addTotals). */
  writes: counter,
  updatedAt: z.string().optional(),
  /** Absent on rows written before it was kept (see the list-keys backfill). */
  blockIds: z.set(z.string()).optional(),
  /**
   * True once the contract's month rows (lib/entities/month-totals.ts) were built from its entries;
   * absent on a contract written before they were kept, until the period-rows backfill.
   */
  periodRows: z.boolean().optional(),
};

const blockTotalsFields = {
  blockId: z.string(),
  kind: z.enum(BLOCK_KINDS),
  targetGroup: z.string().nullable(),
  creditedCents: counter,
  pendingCents: counter,
  persons: counter,
  reportedTicks: counter,
  countedTicks: counter,
  fteUnits: counter,
};

export const totalsEntity = entity(
  "contract totals",
  { pk: "CONTRACT#<contractId>", sk: "TOTALS" },
  totalsFields,
);
export const blockTotalsEntity = entity(
  "block totals",
  { pk: "CONTRACT#<contractId>", sk: "TOTALS#BLOCK#<blockId>" },
  blockTotalsFields,
);

export type StoredTotals = z.output<z.ZodObject<typeof totalsFields>>;
export type StoredBlockTotals = z.output<z.ZodObject<typeof blockTotalsFields>>;

const TOTALS = "TOTALS";
const BLOCK_PREFIX = `${TOTALS}#BLOCK#`;

export const totalsKey = (contractId: string) => ({ pk: contractPartition(contractId), sk: TOTALS });

export const blockTotalsKey = (contractId: string, blockId: string) => ({
  pk: contractPartition(contractId),
  sk: `${BLOCK_PREFIX}${blockId}`,
});

/** TOTALS' string set of its block rows' ids. */
export const BLOCK_IDS_FIELD = "blockIds";

/** The ADD that records block rows on TOTALS (DynamoDB refuses an empty set: nothing then). */
export const blockIdsDelta = (blockIds: Iterable<string>): Record<string, Set<string>> => {
  const ids = new Set(blockIds);
  return ids.size ? { [BLOCK_IDS_FIELD]: ids } : {};
};

/** The TOTALS row of the contract a block row belongs to. */
export const totalsKeyBeside = (blockRow: Pick<Key, "pk">) => ({ pk: blockRow.pk, sk: TOTALS });

/** The keys of a contract's block rows named on its TOTALS row. */
export const blockTotalsKeys = (contractId: string, main: { blockIds?: ReadonlySet<string> | undefined }) =>
  [...(main.blockIds ?? [])].sort().map((blockId) => blockTotalsKey(contractId, blockId));

/** The contract's TOTALS row. */
export const isTotals = (key: Pick<Key, "sk">) => key.sk === TOTALS;
/** One of the contract's block rows. */
export const isBlockTotals = (key: Pick<Key, "sk">) => key.sk.startsWith(BLOCK_PREFIX);

export const totalsQueries = {
  /** The TOTALS row and every block row of a contract, in one query. */
  ofContract: (contractId: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: TOTALS,
  }),
};
