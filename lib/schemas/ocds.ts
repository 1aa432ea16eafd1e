import * as z from "zod";
import { slugSchema } from "./common.js";
import { reportMonthSchema } from "./reports.js";

/** A release package per tender is far larger than a list row: smaller pages than other lists. */
export const OCDS_PAGE = { default: 20, max: 100 } as const;

/** A month of publication: from 1970 (nothing of ours was published earlier) to 9998-12 (the month after it still has a four-digit year). */
const publicationMonthSchema = reportMonthSchema
  .refine((month) => month >= "1970-01" && month <= "9998-12", "a month from 1970-01 to 9998-12")
  .describe("A calendar month, YYYY-MM, from 1970-01 to 9998-12.");

/**
 * GET /v1/ocds/releases: a buyer's published tenders by the month of their publication (Amsterdam
 * time), both months inclusive; either bound may be left open.
 */
export const ocdsReleasesQuery = z
  .object({
    buyer: slugSchema.describe("The buying organisation's id (a municipality), e.g. gm-zwolle."),
    from: publicationMonthSchema.optional().describe("First month of publication, YYYY-MM (inclusive)."),
    to: publicationMonthSchema.optional().describe("Last month of publication, YYYY-MM (inclusive)."),
    limit: z.coerce
      .number()
      .int()
      .min(1, `from 1 to ${OCDS_PAGE.max}`)
      .max(OCDS_PAGE.max, `from 1 to ${OCDS_PAGE.max}`)
      .default(OCDS_PAGE.default)
      .describe(`Release packages per page: 1 to ${OCDS_PAGE.max}, default ${OCDS_PAGE.default}.`),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "not before the first month (from)" });
  })
  .describe("The last month (to) is not before the first (from).");
export type OcdsReleasesQuery = z.output<typeof ocdsReleasesQuery>;
