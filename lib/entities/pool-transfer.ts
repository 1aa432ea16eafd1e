/**
 * Pooling of realisation between contracts of one supplier in one region (lib/contracts/pooling.ts).
 *   Transfer: CONTRACT#<id> / POOL#<transferId>, once in the contract it is drawn from (direction "out")
 *     and once in the contract it is credited to (direction "in"); each created once, never changed
 *     except for the step marker `credited` on the "out" item.
 *   Guard: CONTRACT#<id> / POOLED, the value drawn from the contract so far (`pooledOutCents`, ADD with a
 *     condition that keeps it within the contract's surplus) and a marker `t#<transferId>` per transfer
 *     that drew on it, so a retried draw adds nothing.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";
import { contractPartition } from "./contract.js";

const poolTransferFields = {
  id: z.string(),
  direction: z.enum(["out", "in"]),
  fromContractId: z.string(),
  toContractId: z.string(),
  supplierId: z.string(),
  regionId: z.string(),
  amountCents: z.number().int(),
  reason: z.string(),
  at: z.string(),
  by: z.string(),
  /** On the "out" item: set once the "in" item is written. */
  credited: z.boolean().optional(),
};

export const poolTransferEntity = entity(
  "pool transfer",
  { pk: "CONTRACT#<contractId>", sk: "POOL#<transferId>" },
  poolTransferFields,
);
export type PoolTransfer = z.output<z.ZodObject<typeof poolTransferFields>>;

export const poolGuardEntity = entity(
  "pool guard",
  { pk: "CONTRACT#<contractId>", sk: "POOLED" },
  { pooledOutCents: z.number().int().optional() },
);

const PREFIX = "POOL#";

export const poolTransferKey = (contractId: string, transferId: string) => ({
  pk: contractPartition(contractId),
  sk: `${PREFIX}${transferId}`,
});

export const poolGuardKey = (contractId: string) => ({ pk: contractPartition(contractId), sk: "POOLED" });

/** The guard's marker of one transfer. */
export const poolMarker = (transferId: string) => `t#${transferId}`;

export const poolTransferQueries = {
  /** The transfers a contract drew or received, oldest first (ids sort by time). */
  ofContract: (contractId: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: PREFIX,
  }),
};
