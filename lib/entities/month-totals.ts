/**
 * Running totals of a contract per month and building block: CONTRACT#<id> / PERIOD#<YYYY-MM>#BLOCK#<blockId>,
 * the entries whose reporting-period label ends in that month (lib/domain/reports/periods.ts). Kept like
 * the block rows (lib/entities/totals.ts) — ADD only, by the same steps of the same totals changes — but
 * outside the TOTALS prefix, so a read of a contract's balance never reads them. A report reads a
 * contract's rows up to a month with one query, however many entries they sum.
 *
 * The catalogue versions of the entries are counters too, one field `catalogue#<id>@<version>` each,
 * so that undoing a step and repairing a row are exact ADDs like every other figure (a set could not
 * tell whether another entry still uses a version). An upload keeps its marker on the rows it changes,
 * as field upload#<opId> (with the deltas it applied, for its undo).
 */
import * as z from "zod";
import { BLOCK_KINDS } from "../domain/sroi/catalogue.js";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";
import type { Item } from "../store/ops.js";
import { contractPartition } from "./contract.js";

const counter = z.number().int().optional();

/** The counters of a month row, as lib/domain/reports/model.ts MonthBlockTotals names them. */
export const MONTH_COUNTERS = [
  "entries",
  "acceptedCount",
  "pendingCount",
  "rejectedCount",
  "creditedCents",
  "pendingCents",
  "rejectedCents",
  "withoutEvidence",
  "withoutTargetGroupEvidence",
  "persons",
  "reportedTicks",
  "countedTicks",
  "fteUnits",
] as const;
export type MonthCounter = (typeof MONTH_COUNTERS)[number];

const monthTotalsFields = {
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  blockId: z.string(),
  kind: z.enum(BLOCK_KINDS),
  targetGroup: z.string().nullable(),
  ...(Object.fromEntries(MONTH_COUNTERS.map((c) => [c, counter])) as Record<MonthCounter, typeof counter>),
};

export const monthTotalsEntity = entity(
  "month block totals",
  { pk: "CONTRACT#<contractId>", sk: "PERIOD#<month>#BLOCK#<blockId>" },
  monthTotalsFields,
);

export type StoredMonthTotals = z.output<z.ZodObject<typeof monthTotalsFields>> & Item;

const PREFIX = "PERIOD#";

export const monthTotalsKey = (contractId: string, month: string, blockId: string) => ({
  pk: contractPartition(contractId),
  sk: `${PREFIX}${month}#BLOCK#${blockId}`,
});

/** The field that counts a catalogue version's entries in a month row. */
const CATALOGUE_FIELD = "catalogue#";
export const catalogueField = (catalogue: { id: string; version: string }) =>
  `${CATALOGUE_FIELD}${catalogue.id}@${catalogue.version}`;

/** A row's catalogue counters, `<id>@<version>` → entries. */
export const catalogueCounts = (row: Record<string, unknown>): Map<string, number> =>
  new Map(
    Object.entries(row).flatMap(([field, value]) =>
      field.startsWith(CATALOGUE_FIELD) && typeof value === "number"
        ? [[field.slice(CATALOGUE_FIELD.length), value] as const]
        : [],
    ),
  );

/** The catalogue versions a row has entries of, `<id>@<version>`, sorted. */
export const cataloguesOf = (row: Record<string, unknown>): string[] =>
  [...catalogueCounts(row)]
    .filter(([, n]) => n > 0)
    .map(([version]) => version)
    .sort();

/** `<id>@<version>` back to its parts (a catalogue id has no `@`). */
export function parseCatalogueVersion(text: string): { id: string; version: string } {
  const at = text.indexOf("@");
  return { id: text.slice(0, at), version: text.slice(at + 1) };
}

export const monthTotalsQueries = {
  /** Every month row of a contract. */
  ofContract: (contractId: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: PREFIX,
  }),
  /** The month rows of a contract with a month up to `to` (inclusive), oldest first. */
  upTo: (contractId: string, to: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBetween: [PREFIX, `${PREFIX}${to}#~`],
  }),
};
