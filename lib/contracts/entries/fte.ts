/** At most 1 FTE per candidate on any day across a supplier's contracts. */
import { RuleViolation } from "../../domain/errors.js";
import { cmp, sum } from "../../domain/exact.js";
import type { FtePeriod } from "../../entities/claims.js";

export type FteSpan = Pick<FtePeriod, "start" | "end" | "fte">;

/** The first day on which `mine` and the active periods add up to more than 1 FTE, if any. */
export function fteExceededOn(active: FteSpan[], mine: FteSpan): string | undefined {
  // The daily sum is highest on some period's start day inside the new period.
  const days = [mine.start, ...active.map((p) => p.start).filter((d) => d >= mine.start && d <= mine.end)];
  return days.find(
    (day) =>
      cmp(sum([mine, ...active].filter((p) => p.start <= day && day <= p.end).map((p) => p.fte)), 1) > 0,
  );
}

export const fteAboveOne = (ref: string, day: string, prefix: string) =>
  new RuleViolation(
    "fte-above-one",
    `Candidate "${ref}" would work more than 1 FTE on ${day} across this supplier's contracts.`,
    [
      {
        path: prefix ? `${prefix}.fte` : "fte",
        message: "the candidate's FTE across contracts exceeds 1 on overlapping dates",
      },
    ],
  );
