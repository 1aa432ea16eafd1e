import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleViolation } from "../../../lib/domain/errors.js";
import { format, make, product, type Ratio } from "../../../lib/domain/exact.js";
import { roundEurosToCents } from "../../../lib/domain/money.js";
import { lineValue } from "../../../lib/domain/sroi/line-value.js";

/** A line's value as first computed: the bigint product, rounded to cents, its text when not whole cents. */
function reference(factors: Ratio[], divisor: bigint) {
  const euros = product(factors, divisor);
  return {
    cents: roundEurosToCents(euros),
    roundedFrom: (euros.n * 100n) % euros.d === 0n ? null : format(euros),
  };
}

/** Fractions of every size a line meets, and some beyond: small, about 2^31, about 2^53 and wider. */
const part = fc
  .constantFrom(10n, 2n ** 31n, 2n ** 26n, 2n ** 53n, 2n ** 60n)
  .chain((size) => fc.bigInt({ min: 0n, max: size }));
const factor = fc
  .record({ n: part, d: part.map((d) => d + 1n), negative: fc.boolean() })
  .map(({ n, d, negative }) => make(negative ? -n : n, d));

describe("the value of a valuation line", () => {
  it("is the bigint product rounded half away from zero, with its exact text when not whole cents", () => {
    fc.assert(
      fc.property(
        fc.array(factor, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(1n, 12n, 100n),
        (factors, divisor) => {
          let expected: ReturnType<typeof reference> | "out-of-range";
          try {
            expected = reference(factors, divisor);
          } catch (error) {
            if (!(error instanceof RuleViolation)) throw error;
            expected = "out-of-range";
          }
          if (expected === "out-of-range") expect(() => lineValue(factors, divisor)).toThrow(RuleViolation);
          else expect(lineValue(factors, divisor)).toEqual(expected);
        },
      ),
    );
  });

  it("shows the exact euros only when rounding changed them", () => {
    // 40000 × 0.8 × 165/31 / 12 and 35000 × 3 / 12 and 100 × 7 h.
    expect(lineValue([make(40000n), make(4n, 5n), make(165n, 31n)], 12n)).toEqual({
      cents: 1419355,
      roundedFrom: "440000/31",
    });
    expect(lineValue([make(35000n), make(3n)], 12n)).toEqual({ cents: 875000, roundedFrom: null });
    expect(lineValue([make(1n, 8n), make(1n)], 100n)).toEqual({ cents: 0, roundedFrom: "0.00125" });
    expect(lineValue([make(5n, 1000n), make(1n)], 1n)).toEqual({ cents: 1, roundedFrom: "0.005" });
  });
});
