import * as z from "zod";
import { nonNegativeMoneySchema } from "../common.js";

/** A share of a total: how many, how much, and both as a percentage of the total (lib/domain/impact/README.md). */
const share = z.strictObject({
  count: z.int().min(0),
  value: nonNegativeMoneySchema,
  percentOfCount: z
    .number()
    .min(0)
    .max(100)
    .describe("One decimal, half away from zero; 0 when the total is 0."),
  percentOfValue: z
    .number()
    .min(0)
    .max(100)
    .describe("One decimal, half away from zero; 0 when the total is 0."),
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** GET /v1/regions/{regionId}/impact-monitor and GET /v1/organisations/{organisationId}/impact-monitor. */
export const impactMonitorResponse = z.strictObject({
  scope: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("region"), regionId: z.string(), name: z.string() }),
    z.strictObject({
      kind: z.literal("municipality"),
      organisationId: z.string(),
      regionId: z.string(),
      name: z.string(),
      cbsCode: z.string().nullable(),
    }),
  ]),
  period: z.strictObject({ from: month, to: month }),
  tenders: z
    .strictObject({
      count: z.int().min(0),
      estimatedValue: nonNegativeMoneySchema,
      withSocialCriteria: share,
      withSocialReturn: share,
      withSustainableCriteria: share,
      priceQuality: share,
      awardOnValue: share,
      lowestPriceWithReason: share,
    })
    .describe("Tenders published in the period (by the Amsterdam date of publication), by estimated value."),
  contracts: z
    .strictObject({
      count: z.int().min(0),
      value: nonNegativeMoneySchema,
      withTruePriceCorrections: share,
      toLocalSuppliers: share,
      toSmes: share,
      toSocialEnterprises: share,
    })
    .describe("Contracts that start in the period, by contract value."),
});

export type ImpactMonitorResponse = z.output<typeof impactMonitorResponse>;
