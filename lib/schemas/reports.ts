import * as z from "zod";
import {
  AT_RISK_REASONS,
  DATA_QUALITY_FLAG_KINDS,
  REPORT_SCOPES,
  type ReportFigures,
} from "../domain/reports/model.js";
import { BALANCE_STATUSES } from "../domain/sroi/balance.js";
import { isoDateSchema, isoDateTimeSchema } from "./common.js";

/**
 * The figures of a report (lib/domain/reports/model.ts) exactly as the domain computes them: the JSON
 * of an issued report and of live figures. Money is integer euro cents, months and FTE exact integer
 * ticks; every total is the exact sum of its rows.
 */

const cents = (what: string) => z.number().int().describe(`${what}, in euro cents (a whole number).`);
const count = (what: string) => z.number().int().min(0).describe(what);

export const reportMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month, YYYY-MM")
  .describe("A calendar month, YYYY-MM.");

export const reportPeriodSchema = z
  .strictObject({ from: reportMonthSchema, to: reportMonthSchema })
  .describe("Whole months, both inclusive.");

const flowShape = {
  acceptedCents: cents(
    "Value of the entries counting in the period (the last month of their reporting period lies in it) that are accepted when the figures are computed",
  ),
  pendingCents: cents("Value of such entries still awaiting review"),
  rejectedCents: cents("Value of such entries rejected"),
  acceptedCount: count("Accepted entries counting in the period."),
  pendingCount: count("Entries counting in the period still awaiting review."),
  rejectedCount: count("Rejected entries counting in the period."),
  countedTicks: z
    .number()
    .int()
    .describe("Accepted counted months in ticks: 377580 ticks (lcm of 28, 29, 30 and 31) make one month."),
  fteUnits: z
    .number()
    .int()
    .describe(
      "Accepted FTE × counted months, in units of 1/10000 FTE × one tick: 3775800000 make one FTE-month.",
    ),
};

const partStockShape = {
  cumulativeAcceptedCents: cents(
    "Accepted value of every entry whose reporting period ends in or before the period's last month",
  ),
  persons: z
    .number()
    .int()
    .describe("Persons counted at the period's end (a candidate counts once per building block)."),
};

const stockShape = {
  ...partStockShape,
  obligationCents: cents("The contract obligation (0 when none applies)"),
  shortfallCents: cents("max(0, obligation − cumulative accepted), a pooling contract's transfers counted"),
};

export const flowFiguresSchema = z.strictObject(flowShape);
export const periodFiguresSchema = z
  .strictObject({ ...flowShape, ...stockShape })
  .describe("Flows in a period and stocks at its end.");
const breakdownPeriodSchema = z
  .strictObject({ ...flowShape, ...partStockShape })
  .describe("Flows in a period and stocks at its end of part of the contracts' entries (no obligation).");

export const contractFiguresSchema = z
  .strictObject({
    contractId: z.string(),
    reference: z.string(),
    title: z.string(),
    municipalityId: z.string(),
    supplierId: z.string(),
    startDate: isoDateSchema,
    endDate: isoDateSchema.describe("The contract's last day (inclusive)."),
    policy: z
      .strictObject({ id: z.string(), version: z.number().int().min(1) })
      .describe("The policy version the obligation was set with."),
    ...flowShape,
    ...stockShape,
    pooledOutCents: cents(
      "Only for a contract whose policy allows pooling: value drawn from it by pool transfers made up to the status date",
    ).optional(),
    pooledInCents: cents(
      "Only for a contract whose policy allows pooling: value credited to it by pool transfers made up to the status date; fulfilment, shortfall, status and at-risk count cumulative accepted − pooledOut + pooledIn",
    ).optional(),
    fulfilmentPercent: z
      .number()
      .nullable()
      .describe(
        "Cumulative accepted (net of pool transfers) ÷ obligation in %, one decimal; null without an obligation.",
      ),
    expectedByNowCents: cents(
      "Obligation × elapsed share of the contract period at the end of the status date, rounded half away from zero; for an obligation on the invoiced turnover or wage bill accepted so far, the obligation itself until the contract's end",
    ),
    projectedCents: cents("Cumulative accepted at the pace so far, continued linearly to the contract's end")
      .nullable()
      .describe(
        "Linear projection to the contract's end, in cents; null before the contract starts, and for an obligation on the invoiced turnover or wage bill accepted so far until the contract's end.",
      ),
    status: z.enum(BALANCE_STATUSES).describe("The balance's status at the end of the status date."),
    atRisk: z.boolean().describe("Listed in atRisk."),
    catalogueVersions: z
      .array(z.string())
      .describe(
        "Catalogue versions of the contract's entries up to the period's end, `<catalogueId>@<version>`, sorted.",
      ),
    previous: periodFiguresSchema.describe("The same flows and stocks for the previous period."),
  })
  .describe("One contract's figures for the period.");

export const groupFiguresSchema = z
  .strictObject({
    key: z.string().describe("The municipality's or supplier's id."),
    name: z.string(),
    contracts: count("Contracts in the group."),
    current: periodFiguresSchema.describe("Sums of the group's contracts for the period."),
    previous: periodFiguresSchema.describe("Sums of the same contracts for the previous period."),
  })
  .describe("Contracts of one municipality or supplier.");

export const breakdownFiguresSchema = z
  .strictObject({
    key: z.string().describe('The target group ("other" for blocks without one) or the building-block kind.'),
    name: z.string(),
    contracts: count("Contracts with entries of this group up to the period's end."),
    current: breakdownPeriodSchema,
    previous: breakdownPeriodSchema,
  })
  .describe(
    "Entries of one target group or building-block kind across contracts; obligations are not split.",
  );

export const reportFiguresSchema = z
  .strictObject({
    formatVersion: z.literal(1).describe("Version of this format."),
    region: z.strictObject({ id: z.string(), name: z.string() }),
    scope: z.strictObject({
      kind: z.enum(REPORT_SCOPES),
      id: z
        .string()
        .nullable()
        .describe("The municipality, supplier or contract id; null for the whole region."),
      name: z.string(),
    }),
    period: reportPeriodSchema,
    previousPeriod: reportPeriodSchema.describe("The period of equal length just before the period."),
    computedAt: isoDateTimeSchema.describe(
      "When the figures were computed: statuses count as they were then.",
    ),
    statusDate: isoDateSchema.describe(
      "The day statuses and expected-by-now are taken at (its end): the period's last day, or the day of computation (Europe/Amsterdam) when earlier.",
    ),
    contracts: z.array(contractFiguresSchema).describe("Sorted by reference, then id."),
    totals: z
      .strictObject({
        contracts: count("Contracts in the scope."),
        current: periodFiguresSchema.describe("Sums of every contract's figures for the period."),
        previous: periodFiguresSchema.describe("Sums of every contract's figures for the previous period."),
      })
      .describe("Totals of the scope: exactly the sums of the contract rows."),
    byMunicipality: z.array(groupFiguresSchema).describe("Sorted by name, then id."),
    bySupplier: z.array(groupFiguresSchema).describe("Sorted by name, then id."),
    byTargetGroup: z.array(breakdownFiguresSchema).describe("Sorted by target group."),
    byBlockKind: z.array(breakdownFiguresSchema).describe("Sorted by kind."),
    atRisk: z
      .array(
        z.strictObject({
          contractId: z.string(),
          reason: z
            .enum(AT_RISK_REASONS)
            .describe(
              "behind: more than the policy's atRiskBehindPercent behind expected-by-now; ending-with-shortfall: ends within 3 months after the status date (or has ended) with a shortfall. A contract meeting both is listed as ending-with-shortfall.",
            ),
          expectedByNowCents: cents("Expected by now"),
          cumulativeAcceptedCents: cents("Cumulative accepted"),
          shortfallCents: cents("Shortfall"),
        }),
      )
      .describe("Contracts at risk (never settled ones), in the order of contracts."),
    dataQuality: z
      .array(
        z.strictObject({
          contractId: z.string(),
          kind: z
            .enum(DATA_QUALITY_FLAG_KINDS)
            .describe(
              "overdue-review: entries pending longer than the policy's review limit; missing-evidence: entries in the period without evidence; missing-target-group-evidence: labour entries (employment, placement, apprenticeship) in the period submitted without target-group evidence (a doelgroepverklaring, an indication, a benefit statement); no-entry-when-due: no entry in the period although the policy's reporting frequency asked for one; several-catalogue-versions: entries valued with more than one catalogue version.",
            ),
          count: z
            .number()
            .int()
            .min(1)
            .describe(
              "Entries concerned, reporting periods due without an entry, or catalogue versions used.",
            ),
        }),
      )
      .describe("Data-quality flags, in the order of contracts and then of kinds."),
    method: z
      .strictObject({
        catalogues: z.array(
          z.strictObject({
            id: z.string(),
            version: z.string(),
            name: z.string(),
            validFrom: isoDateSchema.nullable(),
          }),
        ),
        policies: z.array(
          z.strictObject({
            id: z.string(),
            version: z.number().int().min(1),
            percent: z.number(),
            atRiskBehindPercent: z.number(),
          }),
        ),
        rules: z.array(
          z.strictObject({
            id: z.string(),
            text: z.strictObject({ nl: z.string(), en: z.string() }),
          }),
        ),
      })
      .describe("Every catalogue and policy version used, and the counting rules in Dutch and English."),
  })
  .describe("The figures of a regional social-return report.");

/** The schema's type is the domain's, both ways (a compile error otherwise). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsDomain: Same<z.output<typeof reportFiguresSchema>, ReportFigures> = true;
void sameAsDomain;
