/**
 * Prestatieladder Socialer Ondernemen (PSO, TNO): the supplier's level by its name, the mapping that
 * reads levels stored as digits before the names existed, and the share of a contract a certificate
 * covers (see lib/domain/sroi/README.md, Obligation: PSO discount).
 */
import { DAY_MS } from "../amsterdam-time.js";

export const PSO_LEVELS = ["aspirant", "basistrede", "trede-1", "trede-2", "trede-3", "pso-30plus"] as const;
export type PsoLevel = (typeof PSO_LEVELS)[number];

/** The names, quoted, for messages that refuse anything else. */
export const PSO_LEVEL_NAMES = PSO_LEVELS.map((l) => `"${l}"`).join(", ");

/**
 * Digits stored before levels had names: 0 aspirant, 1–3 the treden. Any other digit reads as
 * "legacy-<n>", a level no policy names, so it earns no discount.
 */
const LEGACY_DIGITS: Record<string, PsoLevel> = {
  "0": "aspirant",
  "1": "trede-1",
  "2": "trede-2",
  "3": "trede-3",
};

/** A stored level (a name, an old digit as number or string, or nothing) as a name or "legacy-<n>". */
export function psoLevelFromStored(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (/^\d+$/.test(text)) return LEGACY_DIGITS[text] ?? `legacy-${text}`;
  return text;
}

/** A stored discount table, its digit keys read as names (an unnamed digit keeps "legacy-<n>"). */
export function psoTableFromStored(table: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [psoLevelFromStored(k) ?? k, v]));
}

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/**
 * The days of the contract period (both dates inclusive) a certificate valid until `validUntil`
 * (inclusive) covers: all of them when it outlasts the contract, none when it expired before the start.
 */
export function certificateCover(
  period: { startDate: string; endDate: string },
  validUntil: string,
): { coveredDays: number; contractDays: number; expiresDuringContract: boolean } {
  const start = dayNumber(period.startDate);
  const contractDays = dayNumber(period.endDate) - start + 1;
  const coveredDays = Math.max(0, Math.min(contractDays, dayNumber(validUntil) - start + 1));
  return { coveredDays, contractDays, expiresDuringContract: validUntil < period.endDate };
}
