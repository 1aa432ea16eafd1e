/**
 * Person marker: CONTRACT#<id> / PERSON#<blockId>#<candidateRef>, the net accepted months (ADD) of one
 * candidate in one block; a block's persons count changes when it crosses zero.
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
