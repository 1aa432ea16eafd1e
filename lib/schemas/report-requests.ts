import * as z from "zod";
import { isMonth, periodErrors } from "../domain/reports/periods.js";
import { REPORT_SCOPES } from "../domain/reports/model.js";
import { pageQuerySchema } from "./common.js";
import { reportMonthSchema } from "./reports.js";

/** The domain's period rules (from ≤ to, at most 120 months, a previous period), at `path`. */
function refinePeriod(period: { from: string; to: string }, ctx: z.core.$RefinementCtx, path: string[]) {
  if (!isMonth(period.from) || !isMonth(period.to)) return; // the month schema said so already
  for (const error of periodErrors(period, "period"))
    ctx.addIssue({
      code: "custom",
      path: [...path, ...error.path.split(".").slice(1)],
      message: error.message,
    });
}

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
    period: z
      .object({ from: reportMonthSchema, to: reportMonthSchema })
      .strict()
      .superRefine((period, ctx) => refinePeriod(period, ctx, [])),
    scope: z.enum(REPORT_SCOPES),
    scopeId: scopeId.optional(),
    language: z.enum(["nl", "en"]).optional(),
    supersedes: scopeId.optional(),
  })
  .strict()
  .superRefine(refineScope);

export const liveFiguresQuery = z
  .object({
    from: reportMonthSchema,
    to: reportMonthSchema,
    scope: z.enum(REPORT_SCOPES),
    scopeId: scopeId.optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    refinePeriod({ from: query.from, to: query.to }, ctx, []);
    refineScope(query, ctx);
  });

export const reportListQuery = pageQuerySchema;

export const downloadCsvQuery = z
  .object({ delimiter: z.enum(["comma", "semicolon"]).default("comma") })
  .strict();

/** GET …/impact-monitor: a period of whole months (both inclusive), with the report periods' rules. */
export const impactMonitorQuery = z
  .object({ from: reportMonthSchema, to: reportMonthSchema })
  .strict()
  .superRefine((query, ctx) => refinePeriod(query, ctx, []));
