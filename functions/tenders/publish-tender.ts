import { z } from "zod";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { publishTender, tenderToWire } from "../../lib/tenders/tenders.js";

const body = z
  .object({ version: z.number().int().min(1).optional() })
  .strict()
  .optional();

/** Validates and freezes the award model (table versions pinned); the deadline must lie in the future. */
export const handler = endpoint({ roles: ["officer"], body }, async ({ body, params, op }) =>
  ok(tenderToWire(await publishTender(op, params.tenderId!, body?.version), op.now)),
);
