/**
 * Base amount: CONTRACT#<contractId> / BASEAMOUNT#<id>   one per report of a period's invoiced turnover
 * or wage bill; the id is `<period>-r<n>` (the n-th report of that period), created once, then reviewed
 * once with a conditional write.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";
import { contractPartition } from "./contract.js";
import { storedReview } from "./parts.js";

export const BASE_AMOUNT_STATUSES = ["reported", "accepted", "rejected"] as const;

export const baseAmountEntity = entity(
  "base amount",
  { pk: "CONTRACT#<contractId>", sk: "BASEAMOUNT#<id>" },
  {
    id: z.string(),
    contractId: z.string(),
    period: z.string(),
    base: z.enum(["invoiced-turnover", "wage-bill"]),
    amountCents: z.number().int(),
    status: z.enum(BASE_AMOUNT_STATUSES),
    reportedAt: z.string(),
    reportedBy: z.string(),
    reportedByOrg: z.string(),
    review: storedReview.nullable(),
  },
);

const PREFIX = "BASEAMOUNT#";

export const baseAmountId = (period: string, n: number) => `${period}-r${n}`;

export const baseAmountKey = (contractId: string, id: string) => ({
  pk: contractPartition(contractId),
  sk: `${PREFIX}${id}`,
});

export const baseAmountQueries = {
  /** A contract's base amounts, by period then report number. */
  ofContract: (contractId: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: PREFIX,
  }),
  /** The reports of one period ("2026" does not match "2026-Q1-r1": the prefix ends in "-r"). */
  ofPeriod: (contractId: string, period: string): AccessPattern => ({
    pk: contractPartition(contractId),
    skBeginsWith: `${PREFIX}${period}-r`,
  }),
};
