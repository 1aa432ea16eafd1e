/**
 * The CSV upload, bundle and reports benchmarks (bench/upload.ts, bench/bundles.ts, bench/reports.ts)
 * report figures of their own; these turn them into suite results with budgets, as bench/run.ts prints
 * and stores them.
 */
import type { Figure as BundleFigure } from "./bundles.js";
import type { ReportsMeasured } from "./reports.js";
import { type Budget, budget, type SuiteResult, type Timing } from "./suite.js";
import type { SyntheticRegion } from "./synthetic/options.js";
import type { Figure as UploadFigure } from "./upload.js";

/** With `budgets` false (the smoke test's tiny uploads), the figures only. */
export function uploadResult(figures: readonly UploadFigure[], budgets = true): SuiteResult {
  return {
    suite: "upload",
    rows: figures.flatMap((f): SuiteResult["rows"] => [
      { measure: f.name, medianMs: f.median, minMs: f.min, maxMs: f.max, calls: f.calls ?? null },
      ...(f.floor
        ? [{ measure: `floor: ${f.floor.what}`, medianMs: f.floor.median, calls: f.calls ?? null }]
        : []),
    ]),
    budgets: budgets
      ? figures.flatMap((f) =>
          f.budget === undefined
            ? []
            : [
                budget(
                  f.name,
                  f.median,
                  f.budget,
                  "ms",
                  f.floor && { what: f.floor.what, measured: f.floor.median },
                ),
              ],
        )
      : [],
    notes: [
      "one CSV upload of realisation entries (POST /v1/contracts/{id}/entries/import) through the deployed handler, on a fresh contract each run; the median run's wall clock and its DynamoDB calls",
      "the second case delays every DynamoDB call by 10 ms, roughly a round trip in AWS",
      "floor: each upload's DynamoDB calls replayed bare right after it (bench/upload-floor.ts), median of the runs: each of the same kind with the same items, on keys of their own, without conditions, as many at a time as the upload sends them; what the calls alone cost",
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

/** Limits of the reports suite: the worker's time and memory (1 GB in AWS, half of it here), and the floors' factors. */
export const REPORT_BUDGETS = { figuresOverFloor: 2, pdfOverFloor: 1.5, togetherMs: 10_000, peakMB: 512 };

/**
 * The reports suite's rows, budgets and notes; with `budgets` false (the smoke test's tiny region), the
 * figures only. `region` is the generated region the figures were measured on, when known.
 */
export function reportsResult(
  m: ReportsMeasured,
  context: { region?: SyntheticRegion; generated?: boolean; seconds?: number } = {},
  budgets = true,
): SuiteResult {
  const row = (measure: string, t: Timing, detail: string) => ({
    measure,
    medianMs: t.medianMs,
    minMs: t.minMs,
    maxMs: t.maxMs,
    cpuMs: t.cpuMedianMs,
    detail,
  });
  const { region } = context;
  const checked: Budget[] = budgets
    ? [
        budget(
          `figures ≤ ${REPORT_BUDGETS.figuresOverFloor}× floor ${m.floor.medianMs} ms`,
          m.figures.medianMs,
          round1(REPORT_BUDGETS.figuresOverFloor * m.floor.medianMs),
          "ms",
        ),
        budget(
          `PDF ≤ ${REPORT_BUDGETS.pdfOverFloor}× floor ${m.pdfFloor.cpuMedianMs} ms (CPU time)`,
          m.pdf.cpuMedianMs,
          round1(REPORT_BUDGETS.pdfOverFloor * m.pdfFloor.cpuMedianMs),
          "ms",
        ),
        budget("figures + PDF + CSV ≤ 10 s", m.together.medianMs, REPORT_BUDGETS.togetherMs, "ms"),
        budget("worker peak memory (maxRSS) ≤ 512 MB", m.peakRssMB, REPORT_BUDGETS.peakMB, "MB"),
      ]
    : [];
  return {
    suite: "reports",
    rows: [
      row(
        "figures",
        m.figures,
        `gatherReportInput + computeFigures, ${m.reported} of ${m.contracts} contracts`,
      ),
      row(
        "figures floor",
        m.floor,
        `raw paged Query of ${m.monthRows} month rows of ${m.contracts} contracts`,
      ),
      row("pdf", m.pdf, `renderReportPdf, ${kb(m.pdfBytes)} KB`),
      row(
        "pdf floor",
        m.pdfFloor,
        `pdfkit table ${m.floorTable.rows} × ${m.floorTable.columns}, ${kb(m.pdfFloorBytes)} KB`,
      ),
      row("csv", m.csv, `renderReportCsv, ${kb(m.csvBytes)} KB`),
      row("figures + pdf + csv", m.together, `peak RSS ${m.peakRssMB} MB (sampled ${m.sampledRssMB} MB)`),
    ],
    budgets: checked,
    notes: [
      ...(region
        ? [
            `synthetic region: ${region.options.municipalities} municipalities, ${region.options.suppliers} suppliers, ${region.counts.contracts} contracts, ${region.counts.entries} entries, ${region.counts.items} items; ${context.generated ? "generated now" : "reused from its cache"} (generation took ${region.seconds} s)`,
          ]
        : []),
      "region scope, 2026-01 to 2026-06 (and the previous half year); median, fastest and slowest of the runs after one warm-up, the figures and the PDF each run in turn with their floor; figures and the total by wall clock (the database works in another process), the PDF by this process's CPU time",
      "memory: the worker process's peak resident set (process.resourceUsage().maxRSS) over its start and the figures + PDF + CSV runs, measured first; its dynalite in a child process apart",
    ],
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const kb = (bytes: number) => Math.round(bytes / 1024);
