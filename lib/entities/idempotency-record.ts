/**
 * Idempotency record: IDEM#<scope> / KEY#<Idempotency-Key>   (scope: the caller's organisation and sub)
 * Claimed with a conditional put, taken over and completed with conditional updates.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";

export const idempotencyRecordEntity = entity(
  "idempotency record",
  { pk: "IDEM#<scope>", sk: "KEY#<key>" },
  {
    requestDigest: z.string(),
    opId: z.string(),
    startedAt: z.string(),
    status: z.enum(["in-progress", "completed"]),
    /** Absent on records written before claims expired. */
    inProgressExpiry: z.number().optional(),
    claimToken: z.string().optional(),
    // The first answer, its body as text or (a large one) brotli-compressed.
    response: z
      .union([
        z.looseObject({
          statusCode: z.number().int(),
          body: z.string(),
          headers: z.record(z.string(), z.string()),
        }),
        z.looseObject({
          statusCode: z.number().int(),
          bodyBrotli: z.instanceof(Uint8Array),
          headers: z.record(z.string(), z.string()),
        }),
      ])
      .optional(),
    ttl: z.number(),
  },
);

export const idempotencyRecordKey = (scope: string, key: string) => ({
  pk: `IDEM#${scope}`,
  sk: `KEY#${key}`,
});
