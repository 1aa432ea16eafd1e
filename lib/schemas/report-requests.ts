import * as z from "zod";
import { isMonth, MAX_PERIOD_MONTHS, periodErrors } from "../domain/reports/periods.js";
import { REPORT_SCOPES } from "../domain/reports/model.js";
import { pageQuerySchema } from "./common.js";
import { reportMonthSchema } from "./reports.js";

/** The domain's period rules (from ≤ to, at most 120 months, a previous period), at `path`. */
const PERIOD_RULES = `Months YYYY-MM, both inclusive: \`to\` on or after \`from\`, at most ${MAX_PERIOD_MONTHS} months, and a previous period of the same length (for comparison) from year 0000 on.`;
const SCOPE_RULES =
  "`scopeId` names the municipality, supplier or contract of the scope; the region scope takes none.";

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
      .superRefine((period, ctx) => refinePeriod(period, ctx, []))
      .describe(PERIOD_RULES),
    scope: z.enum(REPORT_SCOPES),
    scopeId: scopeId.optional(),
    language: z.enum(["nl", "en"]).optional(),
    supersedes: scopeId.optional(),
  })
  .strict()
  .superRefine(refineScope)
  .describe(SCOPE_RULES);

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
  })
  .describe(`${PERIOD_RULES} ${SCOPE_RULES}`);

export const reportListQuery = pageQuerySchema;

export const downloadCsvQuery = z
  .object({ delimiter: z.enum(["comma", "semicolon"]).default("comma") })
  .strict();

/** GET …/impact-monitor: a period of whole months (both inclusive), with the report periods' rules. */
export const impactMonitorQuery = z
  .object({ from: reportMonthSchema, to: reportMonthSchema })
  .strict()
  .superRefine((query, ctx) => refinePeriod(query, ctx, []))
  .describe(PERIOD_RULES);
