/**
 * Demo data for scoring: a Zwolle tender whose deadline has passed, with three sealed bids, opened,
 * scored by the committee and evaluated — so a newcomer sees a ranking at once
 * (GET /v1/tenders/{id}/evaluation as the demo officer) and can record the intended award.
 * Dates are relative to the seed's clock. Each step checks the state first, so a seed that died
 * half-way is completed on the next start.
 */
import { NotFound } from "../domain/errors.js";
import type { Money } from "../domain/money.js";
import { type Actor, type Operation, operation } from "../operation.js";
import type { BidContent } from "../schemas/scoring.js";
import type { CreateTenderBody } from "../schemas/tenders.js";
import { catalogueVersions } from "../sroi/rules.js";
import { amsterdamDate, DAY_MS as DAY, toAmsterdamLocal } from "../domain/amsterdam-time.js";
import { allScores, submitBid, submittedBids } from "../tenders/bids.js";
import { openBids, scoreBid } from "../tenders/committee-scores.js";
import { evaluateTender } from "../tenders/evaluation.js";
import { createTender, publishTender } from "../tenders/tender-lifecycle.js";
import { loadOwnTender, type Tender } from "../tenders/tenders.js";
import { DEMO } from "./demo-ids.js";

export const DEMO_TENDER_REFERENCE = DEMO.tender.reference;

const eur = (amount: number): Money => ({ amount, currency: "EUR" });

export async function demoTenderBody(now: number): Promise<CreateTenderBody> {
  const withSocialReturn = (await catalogueVersions("oost-nederland")).length > 0;
  return {
    reference: DEMO_TENDER_REFERENCE,
    title: "Reconstructie Stationsweg Zwolle (demo)",
    description:
      "Herinrichting met klimaatadaptieve groenstroken; gunning op beste prijs-kwaliteitverhouding.",
    cpvCode: "45233140-2",
    estimatedValue: eur(2_500_000),
    contractType: "works",
    labourShare: 0.4,
    contractPeriod: {
      startDate: amsterdamDate(now + 60 * DAY),
      endDate: amsterdamDate(now + 60 * DAY + 730 * DAY),
    },
    submissionDeadline: toAmsterdamLocal(now - 2 * DAY).slice(0, 16),
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
      ...(withSocialReturn
        ? {
            socialReturn: {
              mode: "minimum" as const,
              catalogue: { id: "oost-nederland" },
              percentOfPrice: 5,
            },
          }
        : {}),
      tieBreakers: ["higher-quality", "lower-price"],
    },
    pricesSealedUntilQualityScored: true,
  };
}

const BIDS: {
  supplier: string;
  price: number;
  level: number;
  co2Kg: number;
  plan: number;
  climate: number;
}[] = [
  { supplier: DEMO.suppliers[0], price: 1_900_000, level: 3, co2Kg: 80_000, plan: 5, climate: 4 },
  { supplier: DEMO.suppliers[1], price: 2_300_000, level: 5, co2Kg: 40_000, plan: 9, climate: 9 },
  { supplier: DEMO.suppliers[2], price: 2_100_000, level: 0, co2Kg: 60_000, plan: 7, climate: 6 },
];

const bidContent = (b: (typeof BIDS)[number]): BidContent => ({
  price: eur(b.price),
  certificates: { "co2-ladder": b.level },
  externalities: [{ factorId: "climate", quantity: b.co2Kg }],
  // Register group (EUR 40,000 per FTE-year, no maximum): enough months for 5 % of the price.
  socialReturnOffer: [{ blockId: "register", fte: 1, months: Math.ceil((b.price * 0.05 * 12) / 40_000) }],
});

/** The demo municipality's officer who runs the tender. */
export const DEMO_OFFICER: Actor = {
  sub: "demo-officer-zwolle",
  role: "officer",
  orgId: DEMO.municipalities[0],
  regionId: DEMO.region,
};

export async function seedDemoTender(op: Operation): Promise<void> {
  const now = op.now.getTime();
  const officerAt = (at: number, step: string) => operation(DEMO_OFFICER, new Date(at), `${op.opId}:${step}`);
  const created = officerAt(now - 30 * DAY, "create");
  let tender =
    (await existingTender(created, created.id("tender"))) ??
    (await createTender(created, await demoTenderBody(now)));
  if (tender.status === "draft")
    tender = await publishTender(officerAt(now - 30 * DAY, "publish"), tender.id);
  if (tender.status === "published") {
    for (const [i, b] of BIDS.entries()) {
      const supplier = operation(
        { sub: `demo-supplier-${b.supplier}`, role: "supplier", orgId: b.supplier, regionId: null },
        new Date(now - (10 - i) * DAY),
        `${op.opId}:bid:${b.supplier}`,
      );
      await submitBid(supplier, tender.id, bidContent(b));
    }
    tender = await openBids(officerAt(now - DAY, "open"), tender.id);
  }
  if (tender.status !== "opened") return;
  const scored = await allScores(tender.id);
  for (const bid of await submittedBids(tender.id)) {
    if (scored.has(bid.bidId)) continue;
    const b = BIDS.find((x) => x.supplier === bid.bidId)!;
    await scoreBid(officerAt(now - DAY, `score:${bid.bidId}`), tender.id, bid.bidId, {
      scores: [
        {
          criterionId: "plan",
          score: b.plan,
          justification: "Demo committee: phasing and risks as described.",
        },
        {
          criterionId: "climate",
          score: b.climate,
          justification: "Demo committee: water storage and greening.",
        },
      ],
    });
  }
  await evaluateTender(officerAt(now - DAY, "evaluate"), tender.id);
}

/** The tender if an earlier run created it. */
async function existingTender(op: Operation, id: string): Promise<Tender | undefined> {
  try {
    return await loadOwnTender(op, id);
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
}
