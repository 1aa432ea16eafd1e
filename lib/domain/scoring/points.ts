import { format, make, mul, type Ratio, roundHalfAwayFromZero } from "../exact.js";

/** Points are kept exact while computed and rounded to 4 decimals when shown or compared. */
export type Points = Ratio;

export const ZERO: Points = make(0n);

/** Rounded to 4 decimals, halves away from zero, as an exact ratio (the value two bids tie on). */
export const round4 = (points: Points): Ratio => make(roundHalfAwayFromZero(mul(points, 10000)), 10000n);

/** Rounded to 4 decimals as a number, for output. */
export const points4 = (points: Points): number => Number(format(round4(points)));
