import * as z from "zod";

/** RFC 9457 problem details, as every error response carries them (lib/http/problem.ts). */
export const problemSchema = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  code: z.string(),
  errors: z
    .array(z.strictObject({ path: z.string(), message: z.string(), code: z.string().optional() }))
    .optional(),
  correlationId: z.string().optional(),
});
