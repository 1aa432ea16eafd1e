import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cmp, format, make, mul, neg, type Ratio, roundHalfAwayFromZero } from "../../../lib/domain/exact.js";
import { minusRound4, points4, round4 } from "../../../lib/domain/scoring/points.js";
import { type RankItem, rank } from "../../../lib/domain/scoring/ranking.js";

/** Points shown and compared at 4 decimals, halves away from zero. */

const points = fc
  .record({
    n: fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
    d: fc.bigInt({ min: 1n, max: 10n ** 18n }),
  })
  .map(({ n, d }) => make(n, d));

describe("points at 4 decimals", () => {
  it("round like the exact value × 10000 rounded, and print as that decimal's nearest number", () => {
    fc.assert(
      fc.property(points, (p) => {
        const reference = make(roundHalfAwayFromZero(mul(p, 10000)), 10000n);
        expect(round4(p)).toEqual(reference);
        expect(Object.is(points4(p), Number(format(reference)))).toBe(true);
      }),
    );
  });

  it("give as a ranking key minus the rounded points, in lowest terms", () => {
    fc.assert(
      fc.property(points, (p) => {
        expect(minusRound4(p)).toEqual(neg(round4(p)));
      }),
    );
  });

  it("round halves away from zero", () => {
    expect(points4(make(5n, 100000n))).toBe(0.0001);
    expect(points4(make(-5n, 100000n))).toBe(-0.0001);
    expect(points4(make(2n, 3n))).toBe(0.6667);
    expect(points4(make(-1n, 100000n))).toBe(0);
    expect(points4({ n: 2n, d: -3n })).toBe(-0.6667);
  });
});

describe("ranking on exact keys", () => {
  const item = (bidId: string, primary: Ratio): RankItem => ({
    bidId,
    primary,
    quality: null,
    price: 0,
    submittedAt: null,
  });

  it("orders keys of any precision (not only cents and ten-thousandths) lowest first; equal keys share a rank", () => {
    const keys = fc.oneof(points, points.map(round4));
    fc.assert(
      fc.property(fc.array(keys, { minLength: 1, maxLength: 8 }), (list) => {
        const byId = new Map(list.map((k, i) => [`b${i}`, k]));
        const { order } = rank(
          [...byId].map(([id, k]) => item(id, k)),
          [],
        );
        for (let i = 1; i < order.length; i++) {
          const [a, b] = [order[i - 1]!, order[i]!];
          const c = cmp(byId.get(a.bidId)!, byId.get(b.bidId)!);
          expect(c).toBeLessThanOrEqual(0);
          expect(a.rank === b.rank).toBe(c === 0);
        }
      }),
    );
  });
});
