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
 * breakdowns, ties, warnings, tables, the input digest and the weight and value sensitivity exactly,
 * as they travel (JSON). The file was written by engine 2.0.0; leave-one-out has another shape since
 * 3.0.0 and is checked against removing each bid and ranking again.
 */

/** robustness.bidRemoval as engine 2.0.0 wrote it: one entry per compliant bid. */
interface LegacyRemoval {
  removedBidId: string;
  reversalCount: number;
  reversals: { nowAhead: string; nowBehind: string }[];
}

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
    const { bidRemoval, ...sensitivity } = result.robustness;
    const { bidRemoval: storedRemoval, ...storedSensitivity } = stored.robustness;
    expect(sensitivity).toEqual(storedSensitivity);
    if (storedRemoval === null) {
      expect(bidRemoval).toBeNull();
      return;
    }
    // Leave-one-out changed shape in 3.0.0: it must equal removing each bid and ranking again …
    expect(bidRemoval).toEqual(wire(naiveRemoval(expected.input, golden.tables)));
    // … and keep every reversal the 2.0.0 engine found (it lists one entry per compliant bid).
    for (const entry of storedRemoval as unknown as LegacyRemoval[]) {
      if (entry.reversalCount === 0) continue;
      expect(bidRemoval!.effects.find((e) => e.removedBidId === entry.removedBidId)).toMatchObject(entry);
    }
  });
});
