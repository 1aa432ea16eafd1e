/**
 * Obligation version: CONTRACT#<id> / OBLIGATION#V#<nnnnnn>   immutable, one per award or amendment.
 */
import * as z from "zod";
import { CONTRACT_TYPES } from "../domain/sroi/obligation.js";
import { psoLevelFromStored } from "../domain/sroi/pso.js";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";
import { contractPartition } from "./contract.js";

const cents = z.number().int();

export const obligationEntity = entity(
  "obligation version",
  { pk: "CONTRACT#<contractId>", sk: "OBLIGATION#V#<version>" },
  {
    version: z.number().int(),
    applies: z.boolean(),
    cents,
    steps: z.array(z.looseObject({ step: z.string(), detail: z.string(), amountCents: cents.optional() })),
    policy: z.looseObject({ id: z.string(), version: z.number().int() }),
    basis: z.looseObject({
      valueCents: cents,
      type: z.enum(CONTRACT_TYPES),
      labourShare: z.number().nullable(),
      months: z.number(),
      psoLevel: z.preprocess(psoLevelFromStored, z.string().nullable()),
      // Absent on versions stored before other bases and certificate dates existed.
      invoicedTurnoverCents: cents.nullable().optional(),
      wageBillCents: cents.nullable().optional(),
      startDate: z.string().optional(),
      endDate: z.string().optional(),
      psoCertificateValidUntil: z.string().nullable().optional(),
    }),
    reason: z.string(),
    at: z.string(),
    by: z.string(),
  },
);

const PREFIX = "OBLIGATION#V#";

export const obligationKey = (contractId: string, version: number) => ({
  pk: contractPartition(contractId),
  sk: `${PREFIX}${String(version).padStart(6, "0")}`,
});

export const obligationQueries = {
  /** A contract's obligation versions, oldest first. */
  ofContract: (contractId: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: PREFIX,
  }),
};
