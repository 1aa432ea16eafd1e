import { toAmsterdamLocal } from "../../../lib/domain/amsterdam-time.js";

export const eur = (amount: number) => ({ amount, currency: "EUR" as const });
export const DAY = 86_400_000;

/** A weighted-points tender with two quality criteria, the CO2 ladder, true price and a social-return minimum. */
export function tenderBody(now: Date, overrides: Record<string, unknown> = {}) {
  const deadline = new Date(now.getTime() + 14 * DAY);
  const start = new Date(now.getTime() + 90 * DAY).toISOString().slice(0, 10);
  const end = new Date(now.getTime() + 90 * DAY + 730 * DAY).toISOString().slice(0, 10);
  return {
    reference: "ZW-2026-017",
    title: "Reconstructie Stationsweg Zwolle",
    description: "Herinrichting van de Stationsweg met klimaatadaptieve groenstroken.",
    cpvCode: "45233140-2",
    estimatedValue: eur(2_500_000),
    contractType: "works",
    labourShare: 0.4,
    contractPeriod: { startDate: start, endDate: end },
    // Amsterdam wall-clock time, as an officer types it.
    submissionDeadline: toAmsterdamLocal(deadline).slice(0, 16),
    awardModel: {
      method: "weighted-points",
      price: {
        formula: "absolute-linear",
        maxPoints: 40,
        bounds: { min: eur(1_500_000), max: eur(3_500_000) },
      },
      criteria: [
        { id: "plan", name: "Plan van aanpak", scale: { min: 0, max: 10 }, maxPoints: 30, minimumScore: 4 },
        { id: "climate", name: "Klimaatadaptatie", scale: { min: 0, max: 10 }, maxPoints: 30 },
      ],
      corrections: {
        certificate: { tableId: "co2-ladder-prorail" },
        truePrice: { factorSetId: "true-price-monetisation", categories: ["environmental"] },
      },
      socialReturn: { mode: "minimum", catalogue: { id: "oost-nederland" }, percentOfPrice: 5 },
      tieBreakers: ["higher-quality", "lower-price"],
    },
    pricesSealedUntilQualityScored: true,
    ...overrides,
  };
}

/** A bid whose social-return offer (register group, EUR 40,000 per FTE-year, no maximum) meets 5 % of its price. */
export function bidBody(price: number, extra: Record<string, unknown> = {}) {
  const months = Math.ceil((price * 0.05 * 12) / 40_000);
  return {
    price: eur(price),
    certificates: { "co2-ladder": 3 },
    externalities: [{ factorId: "climate", quantity: 50_000 }],
    socialReturnOffer: [{ blockId: "register", fte: 1, months }],
    ...extra,
  };
}
