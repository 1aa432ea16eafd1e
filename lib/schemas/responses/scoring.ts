import * as z from "zod";
import { FACTOR_KINDS } from "../../domain/scoring/factor-kinds.js";
import { pageOf } from "../common.js";

/** Versions of the price-correction reference tables (lib/scoring/reference-tables.ts), as stored. */

const tableMeta = {
  id: z.string(),
  version: z.string(),
  source: z.string(),
  effectiveFrom: z.iso.date().nullable(),
  addedAt: z.iso.datetime(),
  addedBy: z.string(),
  note: z.string().optional(),
};

export const referenceTableResponse = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("certificate-discount"),
    ...tableMeta,
    scheme: z.string(),
    discountPercentByLevel: z.record(z.string().regex(/^\d{1,3}$/), z.number()),
  }),
  z.strictObject({
    kind: z.literal("true-price-factors"),
    ...tableMeta,
    name: z.string().optional(),
    factors: z.array(
      z.strictObject({
        id: z.string(),
        category: z.string(),
        unit: z.string(),
        eurPerUnit: z.number(),
        kind: z.enum(FACTOR_KINDS).optional(),
        exclusionGround: z.boolean().optional(),
      }),
    ),
  }),
  z.strictObject({
    kind: z.literal("co2-price"),
    ...tableMeta,
    eurPerTonne: z.number(),
  }),
]);

export const referenceTablePageResponse = pageOf(referenceTableResponse);

export type ReferenceTableResponse = z.output<typeof referenceTableResponse>;
export type ReferenceTablePageResponse = z.output<typeof referenceTablePageResponse>;
