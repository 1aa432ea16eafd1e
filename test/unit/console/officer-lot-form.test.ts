import { describe, expect, it } from "vitest";
import { correctionBodyOf, correctionFieldOf } from "../../../lib/console/officer/corrections.js";
import { fieldOfLotPath, lotRows, lotsOf } from "../../../lib/console/officer/lot-form.js";
import { fieldOfPath, tenderBodyOf } from "../../../lib/console/officer/tender-form.js";

const MODEL = {
  "awardModel.method": "weighted-points",
  "awardModel.price.formula": "relative-lowest",
  "awardModel.price.maxPoints": "40",
  "awardModel.criteria.0.name": "Plan",
  "awardModel.criteria.0.maxPoints": "60",
};

describe("the wizard's lots as API bodies", () => {
  it("sends no lots when no lot row has a title, and the tender's value and model as before", () => {
    const { body } = tenderBodyOf({ ...MODEL, estimatedValue: "100", "lots.0.estimatedValue": "5" }, "nl");
    expect(body.lots).toBeUndefined();
    expect(body.estimatedValue).toEqual({ amount: 100, currency: "EUR" });
    expect(body.awardModel).toEqual({
      method: "weighted-points",
      price: { formula: "relative-lowest", maxPoints: 40 },
      criteria: [{ id: "k1", name: "Plan", scale: { min: 0, max: 10 }, maxPoints: 60 }],
    });
  });

  it("gives a lot the tender's model unless it has its own; the tender's value and model are left to the lots", () => {
    const values = {
      ...MODEL,
      estimatedValue: "999",
      "lots.0.title": "Noord",
      "lots.0.estimatedValue": "1.000,50",
      // Row 1 empty: row 2 is the API's lot 1.
      "lots.2.id": "zuid",
      "lots.2.title": "Zuid",
      "lots.2.estimatedValue": "2.000",
      "lots.2.ownModel": "true",
      "lots.2.awardModel.method": "lowest-price",
      maxLotsPerSupplier: "1",
    };
    expect(lotRows(values)).toBe(3);
    expect(lotRows(values, true)).toBe(4);
    const { body, parsedLots } = tenderBodyOf(values, "nl");
    expect(body.estimatedValue).toBeUndefined();
    expect(body.awardModel).toBeUndefined();
    expect(body.maxLotsPerSupplier).toBe(1);
    expect(body.lots).toMatchObject([
      {
        id: "1",
        title: "Noord",
        estimatedValue: { amount: 1000.5 },
        awardModel: { method: "weighted-points" },
      },
      { id: "zuid", title: "Zuid", estimatedValue: { amount: 2000 }, awardModel: { method: "lowest-price" } },
    ]);
    expect(parsedLots.lotRow).toEqual([0, 2]);
    // The API's lot 1 is form row 2.
    expect(fieldOfLotPath(parsedLots, "lots.1.estimatedValue")).toBe("lots.2.estimatedValue");
    expect(fieldOfPath([0], [], [], parsedLots)("lots.1.title")).toBe("lots.2.title");
    expect(fieldOfLotPath(parsedLots, "title")).toBeUndefined();
  });

  it("sends the procedure fields as typed, the Algemene termijnenwet as a yes or no", () => {
    const { body } = tenderBodyOf(
      { ...MODEL, procedure: "restricted", standstillDays: "25", algemeneTermijnenwet: "false" },
      "nl",
    );
    expect(body).toMatchObject({
      procedure: "restricted",
      standstillDays: 25,
      algemeneTermijnenwet: false,
      publishBidPrices: false,
    });
    expect(lotsOf(MODEL, "nl").lots).toBeUndefined();
  });
});

describe("a score correction's form", () => {
  const lot = {
    awardModel: {
      method: "weighted-points",
      criteria: [
        { id: "plan", name: "Plan", scale: { min: 0, max: 10 } },
        { id: "climate", name: "Klimaat", scale: { min: 0, max: 10 } },
      ],
    },
  } as never;

  it("sends only the criteria given a new score, and maps the API's rows back to the form's", () => {
    const form = new URLSearchParams({
      "correction.bidId": "s3",
      "correction.scores.0.score": "",
      "correction.scores.1.score": "8,5",
      "correction.scores.1.justification": "Bijlage gemist.",
      "correction.reason": "Verslag van 12 juni.",
    });
    expect(correctionBodyOf(form, lot, "nl")).toEqual({
      bidId: "s3",
      scores: [{ criterionId: "climate", score: 8.5, justification: "Bijlage gemist." }],
      reason: "Verslag van 12 juni.",
    });
    const field = correctionFieldOf(form, lot);
    expect(field("scores.0.justification")).toBe("correction.scores.1.justification");
    expect(field("reason")).toBe("correction.reason");
  });
});
