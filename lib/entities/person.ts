/**
 * Person marker: CONTRACT#<id> / PERSON#<blockId>#<candidateRef>, the net accepted months (ADD) of one
 * candidate in one block; a block's persons count changes when it crosses zero. The same ticks per
 * month the entries count in, as fields `month#<YYYY-MM>`, tell in which months the candidate counts
 * as a person (its net accepted months up to the month are positive) for the month rows.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";
import type { Key } from "../store/ops.js";
import { contractPartition } from "./contract.js";

export const personEntity = entity(
  "person marker",
  { pk: "CONTRACT#<contractId>", sk: "PERSON#<blockId>#<candidateRef>" },
  {
    monthsTicks: z.number().int().optional(),
  },
);

const PREFIX = "PERSON#";
const MONTH_FIELD = "month#";

/** The field of a person marker with its net accepted ticks of entries counting in `month`. */
export const personMonthField = (month: string) => `${MONTH_FIELD}${month}`;

/** A person marker's net accepted ticks per month (fields absent on markers written before). */
export const personTicksByMonth = (marker: Record<string, unknown>): Map<string, number> =>
  new Map(
    Object.entries(marker).flatMap(([field, value]) =>
      field.startsWith(MONTH_FIELD) && typeof value === "number"
        ? [[field.slice(MONTH_FIELD.length), value] as const]
        : [],
    ),
  );

export const personKey = (contractId: string, blockId: string, candidateRef: string) => ({
  pk: contractPartition(contractId),
  sk: `${PREFIX}${blockId}#${candidateRef}`,
});

/** A person marker (it names a candidate). */
export const isPersonMarker = (key: Pick<Key, "sk">) => key.sk.startsWith(PREFIX);

export const personQueries = {
  /** Every person marker of a contract. */
  ofContract: (contractId: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: PREFIX,
  }),
};
