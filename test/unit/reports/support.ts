/** Builders of report input for the figures tests: a contract and its month rows, with neutral defaults. */
import type {
  MonthBlockTotals,
  ReportContractInput,
  ReportInput,
} from "../../../lib/domain/reports/model.js";
import type { BlockKind } from "../../../lib/domain/sroi/catalogue.js";

/** One counted month in ticks (MONTH_TICKS), and one FTE-month in fteUnits (FTE_SCALE × ticks). */
export const MONTH = 377_580;
export const FTE_MONTH = 10_000 * MONTH;

export const BLOCKS: Record<string, { kind: BlockKind; targetGroup: string | null }> = {
  "pw-2plus": { kind: "employment", targetGroup: "Participatiewet" },
  "ww-1min": { kind: "employment", targetGroup: "WW" },
  wep: { kind: "placement", targetGroup: null },
  "bbl-1-2": { kind: "apprenticeship", targetGroup: "BBL" },
  "hours-social": { kind: "hours", targetGroup: null },
  buy: { kind: "purchase", targetGroup: null },
};

export const CATALOGUE = "oost-nederland@V05-2023-04";

export function row(
  month: string,
  blockId: string,
  fields: Partial<MonthBlockTotals> = {},
): MonthBlockTotals {
  const block = BLOCKS[blockId]!;
  return {
    month,
    blockId,
    kind: block.kind,
    targetGroup: block.targetGroup,
    entries: 0,
    acceptedCount: 0,
    pendingCount: 0,
    rejectedCount: 0,
    creditedCents: 0,
    pendingCents: 0,
    rejectedCents: 0,
    withoutEvidence: 0,
    persons: 0,
    reportedTicks: fields.countedTicks ?? 0,
    countedTicks: 0,
    fteUnits: 0,
    catalogues: [CATALOGUE],
    ...fields,
  };
}

export function contract(
  id: string,
  fields: Partial<Omit<ReportContractInput, "policy">> & {
    policy?: Partial<ReportContractInput["policy"]>;
  } = {},
): ReportContractInput {
  const { policy, ...rest } = fields;
  return {
    id,
    reference: id.toUpperCase(),
    title: `Contract ${id}`,
    municipality: { id: "aalten", name: "Aalten" },
    supplier: { id: "bouw", name: "Bouw BV" },
    startDate: "2026-01-01",
    endDate: "2026-12-31",
    obligationCents: 1_000_000,
    obligationApplies: true,
    obligationToDate: false,
    committedCents: 0,
    settledOn: null,
    policy: {
      id: "achterhoek",
      version: 1,
      reportingFrequency: "quarterly",
      reviewDays: 30,
      recoveryDays: 90,
      atRiskBehindPercent: 20,
      ...policy,
    },
    months: [],
    poolTransfers: null,
    overdueReviews: 0,
    ...rest,
  };
}

export function reportInput(
  contracts: ReportContractInput[],
  fields: Partial<ReportInput> = {},
): ReportInput {
  return {
    region: { id: "achterhoek", name: "Achterhoek" },
    scope: { kind: "region", id: null, name: "Achterhoek" },
    period: { from: "2026-01", to: "2026-06" },
    computedAt: "2026-07-15T09:00:00Z",
    contracts,
    rules: {
      catalogues: [
        { id: "oost-nederland", version: "V05-2023-04", name: "Oost-Nederland", validFrom: "2023-04-01" },
      ],
      policies: [{ id: "achterhoek", version: 1, percent: 5, atRiskBehindPercent: 20 }],
    },
    ...fields,
  };
}
