import { InvalidInput, RuleViolation } from "../domain/errors.js";
import { scoreBids } from "../domain/scoring/engine.js";
import type { ScoringResult } from "../domain/scoring/types.js";
import { type SimulateRequest, toScoringInput } from "../schemas/scoring.js";
import { loadTablesFor } from "./reference-tables.js";

/**
 * The engine's field paths, as paths of the request body ("awardModel.price" → "body.awardModel.price");
 * `path` maps each path otherwise.
 */
export function inBody<T>(fn: () => T, path: (enginePath: string) => string = (p) => `body.${p}`): T {
  try {
    return fn();
  } catch (error) {
    const at = (errors: { path: string; message: string }[]) =>
      errors.map((e) => ({ ...e, path: path(e.path) }));
    if (error instanceof InvalidInput) throw new InvalidInput(at(error.errors), error.message, error.code);
    if (error instanceof RuleViolation) throw new RuleViolation(error.code, error.message, at(error.errors));
    throw error;
  }
}

/** POST /v1/scoring/simulate: the engine on fictitious bids, with the stored reference tables. Nothing is stored. */
export async function simulate(body: SimulateRequest): Promise<ScoringResult> {
  const input = toScoringInput(body);
  const tables = await loadTablesFor(input.awardModel);
  return inBody(() => scoreBids(input, tables));
}
