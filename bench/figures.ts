/**
 * The CSV upload and bundle benchmarks (bench/upload.ts, bench/bundles.ts) report figures of their
 * own; these turn them into suite results with budgets, as bench/run.ts prints and stores them.
 */
import type { Figure as BundleFigure } from "./bundles.js";
import { type Budget, budget, type SuiteResult } from "./suite.js";
import type { Figure as UploadFigure } from "./upload.js";

/** With `budgets` false (the smoke test's tiny uploads), the figures only. */
export function uploadResult(figures: readonly UploadFigure[], budgets = true): SuiteResult {
  return {
    suite: "upload",
    rows: figures.map((f) => ({
      measure: f.name,
      medianMs: f.median,
      minMs: f.min,
      maxMs: f.max,
      calls: f.calls ?? null,
    })),
    budgets: budgets
      ? figures.flatMap((f) => (f.budget === undefined ? [] : [budget(f.name, f.median, f.budget, "ms")]))
      : [],
    notes: [
      "one CSV upload of realisation entries (POST /v1/contracts/{id}/entries/import) through the deployed handler, on a fresh contract each run; the median run's wall clock and its DynamoDB calls",
      "the second case delays every DynamoDB call by 10 ms, roughly a round trip in AWS",
    ],
  };
}

/** One row per bundle (the floor first); each function bundle's size and import-time budgets. */
export function bundlesResult(figures: readonly BundleFigure[], budgets = true): SuiteResult {
  const names = [...new Set(figures.map((f) => f.name.split(".")[1]!))];
  const of = (bundle: string, what: string) => figures.find((f) => f.name === `bundles.${bundle}.${what}`);
  const checked: Budget[] = [];
  const rows = names.map((bundle) => {
    const size = of(bundle, "size")!;
    const imported = of(bundle, "import")!;
    if (budgets && size.budget !== undefined)
      checked.push(
        budget(`${bundle} bundle ≤ floor ${size.floor} KB + 200 KB`, size.median, size.budget, "KB"),
      );
    if (budgets && imported.budget !== undefined)
      checked.push(
        budget(`${bundle} import ≤ 1.2× floor ${imported.floor} ms`, imported.median, imported.budget, "ms"),
      );
    return {
      bundle,
      sizeKB: size.median,
      gzipKB: of(bundle, "gzip")?.median ?? null,
      importMs: imported.median,
      importMinMs: imported.min,
      importMaxMs: imported.max,
      importCpuMs: of(bundle, "importCpu")?.median ?? null,
    };
  });
  return {
    suite: "bundles",
    rows,
    budgets: checked,
    notes: [
      "each area's Lambda bundle built as CDK builds it, and imported in fresh node processes with a Lambda-like environment (median of the runs); floor: the DynamoDB client, lib-dynamodb and Powertools alone",
      "KB = 1,024 bytes; importCpuMs is the child's CPU time, which a busy machine inflates less than the wall clock",
    ],
  };
}
