import { describe, expect, it } from "vitest";
import {
  awardModelOf,
  criterionRows,
  fieldOfPath,
  sampleBidsOf,
  tenderBodyOf,
  valuesOfModel,
} from "../../../lib/console/officer/tender-form.js";

const eur = (amount: number) => ({ amount, currency: "EUR" });

describe("the tender wizard's fields as API bodies", () => {
  const values = {
    reference: "ZW-1",
    title: "Fietspaden",
    cpvCode: "45233140-2",
    estimatedValue: "1.500.000,50",
    contractType: "works",
    labourShare: "",
    "contractPeriod.startDate": "2026-07-01",
    "contractPeriod.endDate": "2028-06-30",
    submissionDeadline: "2026-04-20T12:00",
    "awardModel.method": "weighted-points",
    "awardModel.price.formula": "absolute-linear",
    "awardModel.price.maxPoints": "40",
    "awardModel.price.bounds.min": "1.000.000",
    "awardModel.price.bounds.max": "2.000.000",
    // Row 0 left empty: row 1 is the API's criterion 0.
    "awardModel.criteria.0.name": "",
    "awardModel.criteria.1.name": "Plan",
    "awardModel.criteria.1.maxPoints": "60",
    "awardModel.criteria.1.minimumScore": "4,5",
    "awardModel.socialReturn.mode": "minimum",
    "awardModel.socialReturn.catalogue.id": "oost-nederland",
    "awardModel.socialReturn.percentOfPrice": "5",
    "awardModel.tieBreakers.lower-price": "true",
    "whatIf.bids.0.price": "1.200.000",
    "whatIf.bids.0.scores.1": "7",
    "whatIf.bids.2.price": "1.100.000",
  };

  it("reads Dutch numbers, skips empty rows and remembers which form row each criterion came from", () => {
    const { awardModel, criterionRow } = awardModelOf(values, "nl");
    expect(awardModel).toEqual({
      method: "weighted-points",
      price: {
        formula: "absolute-linear",
        maxPoints: 40,
        bounds: { min: eur(1_000_000), max: eur(2_000_000) },
      },
      criteria: [{ id: "k2", name: "Plan", scale: { min: 0, max: 10 }, maxPoints: 60, minimumScore: 4.5 }],
      socialReturn: { mode: "minimum", catalogue: { id: "oost-nederland" }, percentOfPrice: 5 },
      tieBreakers: ["lower-price"],
    });
    expect(criterionRow).toEqual([1]);
  });

  it("makes a create body without empty optional fields, and a PATCH body that clears them", () => {
    const created = tenderBodyOf(values, "nl").body;
    expect(created.estimatedValue).toEqual(eur(1_500_000.5));
    expect(created).not.toHaveProperty("labourShare");
    expect(created).not.toHaveProperty("version");
    const patched = tenderBodyOf({ ...values, labourShare: "40" }, "nl", 3).body;
    expect(patched).toMatchObject({ version: 3, labourShare: 0.4, noImpactCriteriaReason: null });
  });

  it("sends the filled sample bids with their scores by criterion id", () => {
    const { awardModel, criterionRow } = awardModelOf(values, "nl");
    const { bids, bidRow } = sampleBidsOf(
      values,
      "nl",
      awardModel.criteria as { id: string }[],
      criterionRow,
    );
    expect(bids).toEqual([
      { id: "A", price: eur(1_200_000), qualityScores: { k2: 7 } },
      { id: "C", price: eur(1_100_000), qualityScores: {} },
    ]);
    expect(bidRow).toEqual([0, 2]);
  });

  it("maps the API's error paths back to the form's fields", () => {
    const fieldOf = fieldOfPath([1, 3], [0, 2], ["k2", "k4"]);
    expect(fieldOf("awardModel.criteria.1.maxPoints")).toBe("awardModel.criteria.3.maxPoints");
    expect(fieldOf("awardModel.criteria.0.maxValue.amount")).toBe("awardModel.criteria.1.maxValue");
    expect(fieldOf("estimatedValue.amount")).toBe("estimatedValue");
    expect(fieldOf("awardModel.price.bounds.min.amount")).toBe("awardModel.price.bounds.min");
    expect(fieldOf("bids.1.price.amount")).toBe("whatIf.bids.2.price");
    expect(fieldOf("bids.1.qualityScores.k4")).toBe("whatIf.bids.2.scores.3");
  });

  it("reads a stored model back into the same fields (English numbers)", () => {
    const { awardModel } = awardModelOf(values, "nl");
    const again = awardModelOf(valuesOfModel(awardModel as never, "en"), "en").awardModel;
    // The criterion keeps its id, though it now sits in the first row.
    expect(again).toEqual(awardModel);
  });

  it("shows one more criterion row when asked, at least two", () => {
    expect(criterionRows({})).toBe(2);
    expect(criterionRows({ "awardModel.criteria.2.name": "x" })).toBe(3);
    expect(criterionRows({ "awardModel.criteria.2.name": "x" }, true)).toBe(4);
  });
});
