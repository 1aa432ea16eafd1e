import * as z from "zod";
import { REPORT_SCOPES } from "../domain/reports/model.js";
import { pageQuerySchema } from "./common.js";

/** A month: `YYYY-MM`, 2000-01 to 2199-12. */
export const monthSchema = z
  .string({ error: "a month YYYY-MM" })
  .regex(/^(20|21)\d{2}-(0[1-9]|1[0-2])$/, "a month YYYY-MM (2000-01 to 2199-12)");

/** Whole months, both inclusive. */
export const reportPeriodSchema = z
  .object({ from: monthSchema, to: monthSchema })
  .strict()
  .refine((period) => period.from <= period.to, { message: "from is at most to", path: ["to"] });

const scopeId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s\p{Cc}\p{Cf}/]+$/u, "an id without spaces or slashes");

/** The region needs no scopeId; a municipality, supplier or contract is named by it. */
function refineScope(value: { scope: string; scopeId?: string | undefined }, ctx: z.core.$RefinementCtx) {
  if (value.scope === "region" && value.scopeId !== undefined)
    ctx.addIssue({ code: "custom", path: ["scopeId"], message: "the region scope takes no scopeId" });
  if (value.scope !== "region" && value.scopeId === undefined)
    ctx.addIssue({ code: "custom", path: ["scopeId"], message: `the ${value.scope} the report covers` });
}

export const requestReportSchema = z
  .object({
    period: reportPeriodSchema,
    scope: z.enum(REPORT_SCOPES),
    scopeId: scopeId.optional(),
    language: z.enum(["nl", "en"]).optional(),
    supersedes: scopeId.optional(),
  })
  .strict()
  .superRefine(refineScope);

export const liveFiguresQuery = z
  .object({ from: monthSchema, to: monthSchema, scope: z.enum(REPORT_SCOPES), scopeId: scopeId.optional() })
  .strict()
  .refine((q) => q.from <= q.to, { message: "from is at most to", path: ["to"] })
  .superRefine(refineScope);

export const reportListQuery = pageQuerySchema;

export const downloadCsvQuery = z
  .object({ delimiter: z.enum(["comma", "semicolon"]).default("comma") })
  .strict();
