import { format, make, type Ratio, roundHalfAwayFromZero } from "../exact.js";

/** Points are kept exact while computed and rounded to 4 decimals when shown or compared. */
export type Points = Ratio;

export const ZERO: Points = make(0n);

/** points × 10000 rounded half away from zero (rounding needs no reduced fraction, only d > 0). */
const tenThousandths = ({ n, d }: Points): bigint =>
  d < 0n ? roundHalfAwayFromZero({ n: -n * 10000n, d: -d }) : roundHalfAwayFromZero({ n: n * 10000n, d });

/** Rounded to 4 decimals, halves away from zero, as an exact ratio (the value two bids tie on). */
export const round4 = (points: Points): Ratio => make(tenThousandths(points), 10000n);

/** Minus the rounded points: a ranking key, lower is better. round4 is in lowest terms, and so its negation. */
export const minusRound4 = (points: Points): Ratio => {
  const rounded = round4(points);
  return { n: -rounded.n, d: rounded.d };
};

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Rounded to 4 decimals as a number, for output: the double nearest to the 4-decimal value. Dividing
 * the exact integer count of ten-thousandths by 10000 is correctly rounded, like parsing its decimal text.
 */
export const points4 = (points: Points): number => {
  const r = tenThousandths(points);
  return r <= SAFE && r >= -SAFE ? Number(r) / 10000 : Number(format(make(r, 10000n)));
};
