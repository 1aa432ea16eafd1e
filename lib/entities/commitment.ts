/**
 * Commitment version (the agreed plan of approach): CONTRACT#<id> / COMMITMENT#V#<nnnnnn>   immutable,
 * one per edit.
 */
import * as z from "zod";
import { BLOCK_KINDS } from "../domain/sroi/catalogue.js";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";
import { contractPartition } from "./contract.js";

const cents = z.number().int();

export const commitmentEntity = entity(
  "commitment version",
  { pk: "CONTRACT#<contractId>", sk: "COMMITMENT#V#<version>" },
  {
    version: z.number().int(),
    lines: z.array(z.looseObject({ blockId: z.string(), invoiceCents: cents.optional() })),
    valuation: z.looseObject({
      lines: z.array(
        z.looseObject({
          blockId: z.string(),
          kind: z.enum(BLOCK_KINDS),
          targetGroup: z.string().nullable(),
          valueCents: cents,
        }),
      ),
      totalCents: cents,
      catalogue: z.looseObject({ id: z.string(), version: z.string() }),
    }),
    note: z.string().optional(),
    at: z.string(),
    by: z.string(),
  },
);

const PREFIX = "COMMITMENT#V#";

export const commitmentKey = (contractId: string, version: number) => ({
  pk: contractPartition(contractId),
  sk: `${PREFIX}${String(version).padStart(6, "0")}`,
});

export const commitmentQueries = {
  /** A contract's commitment versions, oldest first. */
  ofContract: (contractId: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: PREFIX,
  }),
};
