import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  cmp,
  div,
  format,
  formatFraction,
  make,
  mul,
  product,
  ratio,
  roundHalfAwayFromZero,
  sub,
  sum,
  toNumber,
} from "../../../lib/domain/exact.js";
import { RuleViolation } from "../../../lib/domain/errors.js";
import {
  centsFromAmount,
  eurosOf,
  formatEuros,
  percentOneDecimal,
  roundEurosToCents,
  sumsExactly,
  sumCents,
  toMoney,
} from "../../../lib/domain/money.js";

describe("exact arithmetic", () => {
  it("parses decimals exactly", () => {
    expect(ratio(0.8)).toEqual({ n: 4n, d: 5n });
    expect(ratio("1e-3")).toEqual({ n: 1n, d: 1000n });
    expect(ratio("-2.50")).toEqual({ n: -5n, d: 2n });
    expect(() => ratio("abc")).toThrow(RangeError);
    expect(() => ratio(Number.NaN)).toThrow(RuleViolation);
  });

  it("computes 40000 × 0.8 × 18/12 without drift", () => {
    expect(format(div(mul(mul(40000, 0.8), 18), 12))).toBe("48000");
    expect(format(add(0.1, 0.2))).toBe("0.3");
    expect(format(div(1, 3))).toBe("1/3");
    expect(format(sub(0, "0.05"))).toBe("-0.05");
  });

  it("rounds halves away from zero", () => {
    expect(roundHalfAwayFromZero("2.5")).toBe(3n);
    expect(roundHalfAwayFromZero("-2.5")).toBe(-3n);
    expect(roundHalfAwayFromZero("2.4999")).toBe(2n);
    expect(roundHalfAwayFromZero(div(-7, 3))).toBe(-2n);
  });

  it("orders like numbers", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), (a, b) => {
        expect(cmp(div(a, 100), div(b, 100))).toBe(Math.sign(a - b) === 0 ? 0 : Math.sign(a - b));
      }),
    );
  });
});

describe("short cuts give what the general path gives", () => {
  const fraction = fc
    .record({
      n: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
      d: fc.bigInt({ min: 1n, max: 10n ** 20n }),
    })
    .map(({ n, d }) => make(n, d));

  it("compares by cross-multiplying with the sign of the difference, also for a hand-built negative denominator", () => {
    fc.assert(
      fc.property(fraction, fraction, (a, b) => {
        const diff = sub(a, b).n;
        const sign = diff < 0n ? -1 : diff > 0n ? 1 : 0;
        expect(cmp(a, b)).toBe(sign);
        expect(cmp({ n: -a.n, d: -a.d }, b)).toBe(sign);
      }),
    );
  });

  it("takes whole numbers without parsing their text", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        expect(ratio(value)).toEqual(make(BigInt(String(value))));
      }),
    );
    expect(ratio(-0)).toEqual({ n: 0n, d: 1n });
  });

  it("writes fractions as decimals when they terminate, small or large", () => {
    const big = 10n ** 30n;
    expect(format(make(4n, 5n))).toBe("0.8");
    expect(format(make(-1n, 8n))).toBe("-0.125");
    expect(format(make(335n, 31n))).toBe("335/31");
    expect(format(make(big + 1n, 2n * big))).toBe(`0.${"5".padEnd(30, "0")}5`);
    expect(format(make(1n, 3n * big))).toBe(`1/${3n * big}`);
  });

  it("writes a terminating decimal that parses back to the same fraction, on either side of 2^53", () => {
    const terminating = fc
      .record({
        n: fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }),
        twos: fc.integer({ min: 0, max: 30 }),
        fives: fc.integer({ min: 0, max: 20 }),
      })
      .map(({ n, twos, fives }) => make(n, 2n ** BigInt(twos) * 5n ** BigInt(fives)));
    fc.assert(
      fc.property(terminating, (value) => {
        expect(ratio(format(value))).toEqual(value);
      }),
    );
    expect(format(make(9007199254740991n, 100n))).toBe("90071992547409.91");
    expect(format(make(9007199254740993n, 1000n))).toBe("9007199254740.993");
  });

  it("writes a fraction of safe integers as the bigint path does, reduced or not", () => {
    /** format as first written, on bigints only. */
    const onBigints = (n: bigint, d: bigint): string => {
      if (d === 1n) return n.toString();
      let [rest, twos, fives] = [d, 0, 0];
      for (; rest % 2n === 0n; twos++) rest /= 2n;
      for (; rest % 5n === 0n; fives++) rest /= 5n;
      if (rest !== 1n) return `${n}/${d}`;
      const places = Math.max(twos, fives);
      const digits = (((n < 0n ? -n : n) * 10n ** BigInt(places)) / d).toString().padStart(places + 1, "0");
      return `${n < 0n ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`;
    };
    const safe = fc
      .constantFrom(10n, 2n ** 31n, 2n ** 50n, 2n ** 53n - 1n)
      .chain((s) => fc.bigInt({ min: -s, max: s }));
    const denominator = fc
      .oneof(
        fc
          .record({ twos: fc.integer({ min: 0, max: 52 }), fives: fc.integer({ min: 0, max: 22 }) })
          .map(({ twos, fives }) => 2n ** BigInt(twos) * 5n ** BigInt(fives)),
        safe.map((x) => (x < 0n ? -x : x) + 1n),
      )
      .filter((d) => d <= 2n ** 53n - 1n);
    fc.assert(
      fc.property(safe, denominator, (n, d) => {
        expect(formatFraction(Number(n), Number(d))).toBe(onBigints(n, d));
        expect(format({ n, d })).toBe(onBigints(n, d));
      }),
    );
  });

  it("multiplies many factors like multiplying them one by one", () => {
    fc.assert(
      fc.property(
        fc.array(fraction, { maxLength: 5 }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (factors, divisor) => {
          const stepwise = factors.reduce((acc, f) => mul(acc, f), make(1n));
          expect(product(factors, divisor)).toEqual(div(stepwise, make(divisor)));
        },
      ),
    );
  });

  it("sums over the common denominator like adding one by one", () => {
    fc.assert(
      fc.property(fc.array(fraction, { maxLength: 6 }), (values) => {
        expect(sum(values)).toEqual(values.reduce((acc, v) => add(acc, v), make(0n)));
      }),
    );
    expect(sum([{ n: 1n, d: -2n }, make(1n, 3n), 2, "0.5"])).toEqual(make(7n, 3n));
  });

  it("reduces like Euclid on bigints, on either side of 2^31 and 2^53", () => {
    const euclid = (a: bigint, b: bigint): bigint => (b === 0n ? a : euclid(b, a % b));
    const size = fc.constantFrom(2n ** 20n, 2n ** 31n, 2n ** 40n, 2n ** 53n, 2n ** 70n);
    const around = size.chain((s) => fc.bigInt({ min: 1n, max: 2n * s }));
    fc.assert(
      fc.property(around, around, fc.bigInt({ min: 1n, max: 10n ** 6n }), (a, b, common) => {
        const [n, d] = [a * common, b * common];
        const g = euclid(n, d);
        expect(make(n, d)).toEqual({ n: n / g, d: d / g });
        expect(make(-n, d)).toEqual({ n: -n / g, d: d / g });
      }),
    );
  });

  it("reduces every fraction, whole ones included", () => {
    expect(make(6n, 1n)).toEqual({ n: 6n, d: 1n });
    expect(make(0n, 7n)).toEqual({ n: 0n, d: 1n });
    expect(make(6n, -4n)).toEqual({ n: -3n, d: 2n });
  });
});

describe("money", () => {
  it("converts wire amounts to cents exactly and refuses sub-cent amounts", () => {
    expect(centsFromAmount(1250000.5)).toBe(125000050);
    expect(centsFromAmount(0.29)).toBe(29);
    expect(() => centsFromAmount(0.001)).toThrow(RangeError);
    expect(toMoney(125000050)).toEqual({ amount: 1250000.5, currency: "EUR" });
  });

  it("rounds euros to cents half away from zero", () => {
    expect(roundEurosToCents("0.005")).toBe(1);
    expect(roundEurosToCents("-0.005")).toBe(-1);
    expect(roundEurosToCents(div(10000, 3))).toBe(333333);
  });

  it("formats euros and percentages", () => {
    expect(formatEuros(123450)).toBe("1234.50");
    expect(formatEuros(-5)).toBe("-0.05");
    expect(percentOneDecimal(1, 3)).toBe(33.3);
    expect(percentOneDecimal(2, 3)).toBe(66.7);
    expect(percentOneDecimal(5, 0)).toBe(0);
  });

  it("writes every safe amount of cents as its exact decimal", () => {
    const onBigints = (cents: bigint) => {
      const abs = cents < 0n ? -cents : cents;
      return `${cents < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
    };
    fc.assert(
      fc.property(fc.maxSafeInteger(), (cents) => {
        expect(formatEuros(cents)).toBe(onBigints(BigInt(cents)));
      }),
    );
    expect(formatEuros(0)).toBe("0.00");
    expect(formatEuros(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
  });

  it("converts an amount to cents as parsing its decimal form does, on either side of the short cut", () => {
    const parsed = (amount: number) => {
      const euros = ratio(amount);
      const scaled = make(euros.n * 100n, euros.d);
      return scaled.d === 1n ? Number(scaled.n) : "refused";
    };
    const outcome = (amount: number) => {
      try {
        return centsFromAmount(amount);
      } catch {
        return "refused";
      }
    };
    const amounts = fc.oneof(
      fc.double({ min: -2e9, max: 2e9, noNaN: true }),
      fc.integer({ min: -2e11, max: 2e11 }).map((c) => c / 100),
      fc.integer({ min: -2e12, max: 2e12 }).map((c) => c / 1000),
      fc.integer({ min: -2e11, max: 2e11 }).map((c) => (c / 100) * (1 + Number.EPSILON)),
    );
    fc.assert(
      fc.property(amounts, (amount) => {
        expect(outcome(amount)).toBe(parsed(amount));
      }),
    );
    expect(Object.is(centsFromAmount(-0), 0)).toBe(true);
  });

  it("round-trips every cent amount through the wire form", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(centsFromAmount(toMoney(cents).amount)).toBe(cents);
      }),
    );
  });
});

describe("sums of cents that stay exact", () => {
  const MAX = Number.MAX_SAFE_INTEGER;

  it("holds up to 2^53 - 1 in absolute value, whatever the signs", () => {
    expect(sumsExactly([])).toBe(true);
    expect(sumsExactly([MAX])).toBe(true);
    expect(sumsExactly([MAX - 5, 5])).toBe(true);
    expect(sumsExactly([MAX - 5, 6])).toBe(false);
    expect(sumsExactly([MAX, -1])).toBe(false); // a later grouping may add the two apart
    expect(sumsExactly([MAX + 2])).toBe(false);
    expect(sumsExactly([0.5])).toBe(false);
  });

  it("means every partial sum, in any order, is exact: the bigint sum equals the float sum", () => {
    const cents = fc.array(fc.integer({ min: -(2 ** 51), max: 2 ** 51 }), { maxLength: 8 });
    fc.assert(
      fc.property(cents, (amounts) => {
        if (!sumsExactly(amounts)) return;
        let float = 0;
        let exact = 0n;
        for (const a of [...amounts].reverse()) {
          float += a;
          exact += BigInt(a);
          expect(Number.isSafeInteger(float)).toBe(true);
          expect(BigInt(float)).toBe(exact);
        }
      }),
    );
  });
});

describe("numbers the arithmetic cannot hold exactly", () => {
  const outOfRange = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return error instanceof RuleViolation && error.code === "out-of-range";
    }
    return false;
  };

  it("are refused as out of range (a 422), never turned into Infinity, a wrong figure or a crash", () => {
    for (const value of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])
      expect(outOfRange(() => ratio(value))).toBe(true);
    expect(outOfRange(() => ratio("1e999999999"))).toBe(true);
    // a million times EUR 10 billion
    expect(outOfRange(() => roundEurosToCents(mul(1e6, 1e10)))).toBe(true);
    expect(outOfRange(() => roundEurosToCents(1e308))).toBe(true);
    expect(outOfRange(() => centsFromAmount(1e308))).toBe(true);
    expect(outOfRange(() => eurosOf(Number.POSITIVE_INFINITY))).toBe(true);
    expect(outOfRange(() => eurosOf(2 ** 53))).toBe(true);
    expect(outOfRange(() => eurosOf(0.5))).toBe(true);
    expect(outOfRange(() => sumCents([Number.MAX_SAFE_INTEGER, 1]))).toBe(true);
    expect(outOfRange(() => toNumber(mul(1e308, 10)))).toBe(true);
    // a ratio of two numbers beyond a double's range is still a plain number
    expect(toNumber(make(10n ** 400n + 1n, 4n * 10n ** 399n))).toBeCloseTo(2.5, 12);
  });

  it("become the nearest double of each part divided, below 2^999, and shifted alike beyond", () => {
    /** toNumber as first written: wide parts shifted to 1000 bits, then divided. */
    const shifted = (n: bigint, d: bigint) => {
      const bits = (x: bigint) => (x < 0n ? -x : x).toString(2).length;
      const wide = (x: bigint) => x >= 1n << 999n || x <= -(1n << 999n);
      const excess = wide(n) || wide(d) ? Math.max(bits(n), bits(d)) - 1000 : 0;
      return excess > 0 ? Number(n >> BigInt(excess)) / Number(d >> BigInt(excess)) : Number(n) / Number(d);
    };
    const part = fc
      .constantFrom(2n ** 50n, 2n ** 998n, 2n ** 999n, 2n ** 1000n, 2n ** 1020n)
      .chain((s) => fc.bigInt({ min: s - 2n ** 40n, max: s + 2n ** 40n }));
    fc.assert(
      fc.property(part, part, fc.boolean(), (n, d, negative) => {
        const value = { n: negative ? -n : n, d };
        expect(toNumber(value)).toBe(shifted(value.n, d));
      }),
    );
  });

  it("stay exact up to the largest safe number of cents", () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(roundEurosToCents(div(max, 100))).toBe(max);
    expect(sumCents([max - 1, 1])).toBe(max);
    expect(sumCents([max, -max, 5])).toBe(5);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 50 }), (cents) => {
        expect(sumCents(cents)).toBe(cents.reduce((a, b) => a + b, 0));
      }),
    );
  });
});
