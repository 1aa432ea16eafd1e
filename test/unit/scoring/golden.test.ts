import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ScoringResult } from "../../../lib/domain/scoring/types.js";
import {
  GOLDEN_PATH,
  type GoldenCase,
  type GoldenFile,
  goldenInputs,
  goldenTables,
  runCase,
} from "../../support/scoring-golden.js";

/**
 * The engine reproduces the golden cases (test/fixtures/scoring-golden.json): ranking, scores,
 * breakdowns, ties, warnings, tables and the input digest exactly, as they travel (JSON). The file was
 * written by the engine named in it; the current engine must give the same figures.
 */

const golden = JSON.parse(readFileSync(GOLDEN_PATH, "utf8")) as GoldenFile;
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Everything but the engine version (bumped when the output shape changes) and the robustness section. */
const withoutRobustness = ({ engineVersion: _v, robustness: _r, ...rest }: ScoringResult) => rest;

describe("golden cases", () => {
  it("are the generator's inputs, with the tables stored in the file", () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(200);
    expect(golden.cases.map((c) => ({ name: c.name, input: c.input }))).toEqual(
      wire(goldenInputs().map((c) => ({ name: c.name, input: c.input }))),
    );
    expect(golden.tables).toEqual(wire(goldenTables));
  });

  it.each(golden.cases.map((c): [string, GoldenCase] => [c.name, c]))("%s", (_name, expected) => {
    const actual = wire(runCase(expected.input, golden.tables));
    if (expected.error) {
      expect(actual).toEqual({ error: expected.error });
      return;
    }
    const result = actual.output!;
    const stored = expected.output!;
    expect(withoutRobustness(result)).toEqual(withoutRobustness(stored));
    expect(result.robustness).toEqual(stored.robustness);
  });
});
