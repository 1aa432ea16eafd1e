/**
 * What changed between the figures of an issued report and the same figures computed again now: per
 * contract, each figure that differs. Every total, group and list of a report is derived from its
 * contracts' figures (current and previous period), their at-risk reasons and data-quality flags, so
 * no difference there goes unnamed.
 */
import {
  type AtRiskContract,
  type ContractFigures,
  DATA_QUALITY_FLAG_KINDS,
  PERIOD_FIELDS,
  type ReportFigures,
} from "./model.js";

export type FigureValue = string | number | boolean | null;

export interface FigureDifference {
  contractId: string;
  /**
   * A field of ContractFigures (`acceptedCents`, `policy.version`, `previous.pendingCents`), `atRiskReason`,
   * `dataQuality.<kind>` (the flag's count, 0 without the flag), or `presence` ("present" / "absent")
   * for a contract in only one of the two.
   */
  field: string;
  issued: FigureValue;
  now: FigureValue;
}

const SCALAR_FIELDS = [
  "reference",
  "title",
  "municipalityId",
  "supplierId",
  "startDate",
  "endDate",
  ...PERIOD_FIELDS,
  "fulfilmentPercent",
  "expectedByNowCents",
  "projectedCents",
  "status",
  "atRisk",
] as const satisfies readonly (keyof ContractFigures)[];

/** A report's contracts with their at-risk reason and flag counts, by contract id. */
function indexed(report: ReportFigures) {
  const risks = new Map<string, AtRiskContract["reason"]>(report.atRisk.map((r) => [r.contractId, r.reason]));
  const flags = new Map(report.dataQuality.map((f) => [`${f.contractId}\n${f.kind}`, f.count]));
  return new Map(
    report.contracts.map((c) => {
      const figures: [string, FigureValue][] = SCALAR_FIELDS.map((field) => [field, c[field]]);
      figures.push(["policy.id", c.policy.id], ["policy.version", c.policy.version]);
      // Absent unless the contract's policy pools (and on reports issued before they were counted).
      figures.push(["pooledOutCents", c.pooledOutCents ?? 0], ["pooledInCents", c.pooledInCents ?? 0]);
      figures.push(["catalogueVersions", c.catalogueVersions.join(", ")]);
      for (const field of PERIOD_FIELDS) figures.push([`previous.${field}`, c.previous[field]]);
      figures.push(["atRiskReason", risks.get(c.contractId) ?? null]);
      for (const kind of DATA_QUALITY_FLAG_KINDS)
        figures.push([`dataQuality.${kind}`, flags.get(`${c.contractId}\n${kind}`) ?? 0]);
      return [c.contractId, figures];
    }),
  );
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The differences, by contract id and then in a fixed order of fields; empty when nothing changed. */
export function compareFigures(issued: ReportFigures, now: ReportFigures): FigureDifference[] {
  const before = indexed(issued);
  const after = indexed(now);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(byText);
  const differences: FigureDifference[] = [];
  for (const contractId of ids) {
    const a = before.get(contractId);
    const b = after.get(contractId);
    if (!a || !b) {
      differences.push({
        contractId,
        field: "presence",
        issued: a ? "present" : "absent",
        now: b ? "present" : "absent",
      });
      continue;
    }
    const nowFigures = new Map(b);
    for (const [field, value] of a) {
      const current = nowFigures.get(field) ?? null;
      if (!Object.is(value, current)) differences.push({ contractId, field, issued: value, now: current });
    }
  }
  return differences;
}
