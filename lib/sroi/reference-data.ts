/**
 * The published building-block tables and the illustrative demo policy, as shipped data
 * (copied verbatim from the shared reference data, sroi-catalogues.json). Seeds and tests read them
 * from here; no figure of these tables is a constant in code.
 */
import type { Catalogue } from "../domain/sroi/catalogue.js";
import { DEFAULT_AT_RISK_BEHIND_PERCENT, type ObligationPolicy } from "../domain/sroi/obligation.js";
import { centsFromAmount } from "../domain/money.js";
import data from "./sroi-catalogues.json" with { type: "json" };

type RawCatalogue = (typeof data.catalogues)[number];

const toCatalogue = (raw: RawCatalogue): Catalogue => ({
  id: raw.id,
  version: raw.version,
  name: raw.name,
  source: raw.source,
  incomplete: raw.incomplete,
  ...("missing" in raw && raw.missing ? { missing: [...raw.missing] } : {}),
  effectiveFrom: raw.effectiveFrom,
  blocks: raw.blocks.map((b) => ({ ...b }) as Catalogue["blocks"][number]),
});

/** oost-nederland V05-2023-04 (incomplete), utrecht current-as-retrieved, rijnvicus as-retrieved. */
export const referenceCatalogues: Catalogue[] = data.catalogues.map(toCatalogue);

/** Where the demo policy comes from; it is illustrative, not a published rule of any region. */
export const DEMO_POLICY_NOTE: string = data.demoPolicy.about;

/**
 * The reference data's demoPolicy as an obligation policy. The settings the reference data does not
 * give (valuation date, reporting, review, recovery, retention, sanction factor) are illustrative
 * defaults chosen here and marked so wherever the policy is stored.
 */
export const demoPolicy: ObligationPolicy = {
  thresholdCents: centsFromAmount(data.demoPolicy.threshold),
  thresholdInclusive: data.demoPolicy.thresholdInclusive,
  contractTypes: data.demoPolicy.contractTypes as ObligationPolicy["contractTypes"],
  suppliesMinLabourShare: data.demoPolicy.suppliesMinLabourShare,
  percent: data.demoPolicy.percent,
  base: "contract-value",
  capCents: data.demoPolicy.cap === null ? null : centsFromAmount(data.demoPolicy.cap),
  minimumMonths: data.demoPolicy.minimumMonths,
  psoDiscountPercentByLevel: data.demoPolicy.psoDiscountPercentByLevel as Record<string, number>,
  lowLabourShare: null,
  valuationDate: "activity-start",
  reportingFrequency: "quarterly",
  reviewDays: 30,
  recoveryDays: 90,
  retentionMonths: 24,
  sanctionFactor: 1.5,
  atRiskBehindPercent: DEFAULT_AT_RISK_BEHIND_PERCENT,
};

const centralGovernmentRule = data.obligationRules.find((r) => r.buyer.startsWith("Central government"))!;

/**
 * Central government's rule (Rijksoverheid, "Social return bij de rijksoverheid"; PIANOo): 5 % of the
 * wage bill on works and services contracts above EUR 250,000 lasting at least 6 months. Threshold,
 * duration and contract types come from the reference data; the percentage and the wage-bill base,
 * which it does not hold, from the same publication. The threshold is tested on the contract value.
 * A named example (docs and tests), not a regional policy: no region publishes it.
 */
export const centralGovernmentPolicy: ObligationPolicy = {
  ...demoPolicy,
  thresholdCents: centsFromAmount(centralGovernmentRule.threshold!),
  thresholdInclusive: false,
  contractTypes: centralGovernmentRule.contractTypes as ObligationPolicy["contractTypes"],
  suppliesMinLabourShare: null,
  percent: 5,
  base: "wage-bill",
  minimumMonths: centralGovernmentRule.minimumMonths!,
};
