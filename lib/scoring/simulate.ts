import { InvalidInput, RuleViolation } from "../domain/errors.js";
import { scoreBids } from "../domain/scoring/engine.js";
import { MAX_RESULT_BYTES } from "../domain/scoring/limits.js";
import type { ScoringResultResponse } from "../schemas/responses/scoring-result.js";
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

/**
 * POST /v1/scoring/simulate: the engine on fictitious bids, with the stored reference tables. Nothing
 * is stored. Within the caps (lib/domain/scoring/limits.ts) an answer stays far below Lambda's 6 MB
 * unless the request is padded with very long ids, names and correction lines; such an answer is
 * refused (422 result-too-large) rather than cut off by Lambda. The answer is returned as the JSON
 * text that was measured (a ScoringResultResponse), so it is written once.
 */
export async function simulate(body: SimulateRequest): Promise<string> {
  const input = toScoringInput(body);
  const tables = await loadTablesFor(input.awardModel);
  const result: ScoringResultResponse = inBody(() => scoreBids(input, tables));
  const text = JSON.stringify(result);
  // A UTF-16 code unit takes at most 3 bytes in UTF-8: most answers need no count.
  const bytes = text.length * 3 <= MAX_RESULT_BYTES ? text.length : Buffer.byteLength(text);
  if (bytes > MAX_RESULT_BYTES) {
    throw new RuleViolation(
      "result-too-large",
      `The explained result would be ${(bytes / 1e6).toFixed(1)} MB; an answer stays below ${MAX_RESULT_BYTES / 1e6} MB. Send fewer bids, shorter ids and names, or fewer correction lines.`,
      [{ path: "body.bids", message: "the explained result is too large" }],
    );
  }
  return text;
}
