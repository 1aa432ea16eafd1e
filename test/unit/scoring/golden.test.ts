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
import { naiveRemoval } from "./naive-removal.js";

/**
 * The engine reproduces the golden cases (test/fixtures/scoring-golden.json): ranking, scores,
 * breakdowns, ties, warnings, tables, the input digest and the robustness section exactly, as they
 * travel (JSON). The file was rewritten by engine 4.0.0 (true-price lines name their externality; a
 * bid declaring child labour is excluded); leave-one-out is also checked against removing each bid and
 * ranking again.
 */

const golden = JSON.parse(readFileSync(GOLDEN_PATH, "utf8")) as GoldenFile;
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Everything but the engine version (bumped when a rule or the output shape changes). */
const withoutVersion = ({ engineVersion: _v, ...rest }: ScoringResult) => rest;

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
    expect(withoutVersion(result)).toEqual(withoutVersion(expected.output!));
    if (result.robustness.bidRemoval !== null)
      expect(result.robustness.bidRemoval).toEqual(wire(naiveRemoval(expected.input, golden.tables)));
  });
});
