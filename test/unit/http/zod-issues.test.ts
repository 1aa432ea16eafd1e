import { z } from "zod";
import { describe, expect, it } from "vitest";
import { issueMessage } from "../../../lib/http/zod-issues.js";
import { createRegionSchema } from "../../../lib/schemas/orgs.js";
import {
  addReferenceTableSchema,
  correctionsSchema,
  simulateRequestSchema,
} from "../../../lib/schemas/scoring.js";
import { submitBidSchema } from "../../../lib/schemas/tenders.js";

/** [path, message] of each issue, as the API reports them. */
const messages = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => [i.path.join("."), issueMessage(i, schema, value)]);
};

const price = { amount: 1_900_000, currency: "EUR" };

describe("unknown fields name the allowed ones", () => {
  it("at the top of a body (a bid's socialReturn instead of socialReturnOffer)", () => {
    expect(messages(submitBidSchema, { price, socialReturn: [] })).toEqual([
      [
        "",
        'unknown field "socialReturn"; allowed: certificates, externalities, lcc, lotId, mki, price, psoCertificateValidUntil, psoLevel, socialReturnOffer',
      ],
    ]);
  });

  it("several at once, and nested in arrays and optional objects", () => {
    const body = {
      awardModel: { method: "lowest-price", abnormallyLow: { belowMean: 40 } },
      bids: [{ id: "A", price: { ...price, cents: 1 }, rank: 1, score: 2 }],
    };
    expect(messages(simulateRequestSchema, body)).toEqual(
      expect.arrayContaining([
        [
          "awardModel.abnormallyLow",
          'unknown field "belowMean"; allowed: belowMeanPercent, belowNextPercent',
        ],
        ["bids.0.price", 'unknown field "cents"; allowed: amount, currency'],
        [
          "bids.0",
          'unknown fields "rank", "score"; allowed: certificates, externalities, id, lcc, mki, price, psoCertificateValidUntil, psoLevel, qualityScores, socialReturnOffer, submittedAt',
        ],
      ]),
    );
  });

  it("in the member of a discriminated union the tag selects", () => {
    const table = { kind: "co2-price", id: "co2-eu", version: "2026", source: "a source", eurPerTonne: 1 };
    expect(messages(addReferenceTableSchema, { ...table, factors: [] })).toEqual([
      ["", 'unknown field "factors"; allowed: effectiveFrom, eurPerTonne, id, kind, note, source, version'],
    ]);
  });

  it("in the union member the value resembles", () => {
    expect(messages(correctionsSchema, { certificate: { tableId: "co2-ladder", extra: 1 } })).toEqual([
      ["certificate", 'unknown field "extra"; allowed: tableId, version'],
    ]);
  });

  it("through defaults, pipes and lazy schemas; other messages stay as they are", () => {
    const inner = z.object({ a: z.string(), b: z.number().optional() }).strict();
    const schema = z.object({
      x: inner.default({ a: "" }),
      y: z.lazy(() => inner),
      z: z.string().pipe(z.string().min(3, "three or more")),
    });
    expect(messages(schema, { x: { a: "", c: 1 }, y: { a: "", d: 1 }, z: "ab" })).toEqual([
      ["x", 'unknown field "c"; allowed: a, b'],
      ["y", 'unknown field "d"; allowed: a, b'],
      ["z", "three or more"],
    ]);
    expect(messages(createRegionSchema, { name: "Regio", colour: "red" })).toEqual([
      ["", 'unknown field "colour"; allowed: id, name'],
    ]);
  });
});
