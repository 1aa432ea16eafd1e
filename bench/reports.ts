/**
 * Benchmark: a region report on the full-size synthetic region (bench/synthetic-region.ts: 55
 * municipalities, 400 suppliers, 5,000 contracts, 200,000 entries), for the first half of 2026.
 *
 *   figures     gatherReportInput + computeFigures of the region scope
 *   floor       a raw paged Query of the same month rows (same contracts, same concurrency, no logic)
 *   pdf         renderReportPdf of those figures
 *   pdf floor   pdfkit writing a plain table of the same size (rows × columns of text, same font)
 *   csv         renderReportCsv of those figures
 *   together    figures, PDF and CSV one after another, as the worker issues a report
 *
 * Each is the median of a few runs, with the fastest and slowest. The measuring runs in a worker process
 * of its own (`tsx bench/reports.ts --worker <folder>`), with the cached region's dynalite in a child
 * process of that worker: the worker's peak memory (its maxRSS, process.resourceUsage()) is the report's
 * alone, apart from the embedded database, the generator and the other suites. The region is generated
 * first, once (bench/synthetic-region.ts caches it).
 */
import "../lib/local/quiet-sdk.js";
import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { ReportFigures, ReportPeriod } from "../lib/domain/reports/model.js";
import { startDynaliteProcess, withEnv } from "./database.js";
import { reportsResult } from "./figures.js";
import type { SuiteResult, Timing } from "./suite.js";
import { timeAsync, timeSideBySide } from "./suite.js";
import { FULL_SIZE, type SyntheticRegion } from "./synthetic/options.js";

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

export const REPORT_PERIOD: ReportPeriod = { from: "2026-01", to: "2026-06" };
/** Runs of each measurement (after one unmeasured warm-up). */
export const RUNS = 3;
/** Runs of the PDF and its floor: a tenth of a second each, and their CPU times vary more than that. */
export const PDF_RUNS = 9;

export interface ReportsMeasured {
  /** Contracts of the region (read by both the figures and the floor) and those the figures cover. */
  contracts: number;
  reported: number;
  /** Month rows read by the floor; the figures read the same. */
  monthRows: number;
  figures: Timing;
  floor: Timing;
  pdf: Timing;
  pdfFloor: Timing;
  csv: Timing;
  together: Timing;
  pdfBytes: number;
  pdfFloorBytes: number;
  csvBytes: number;
  /** The plain table of the PDF floor. */
  floorTable: { rows: number; columns: number };
  /**
   * The worker's peak resident set (process.resourceUsage().maxRSS) after the `together` runs, which come
   * first (module loading included, the floors not), and the highest RSS sampled while they ran.
   */
  peakRssMB: number;
  sampledRssMB: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Measures a region report of the region in the table the store client points at (loads the service's
 * modules: call it after the environment is set). `runs` and `warmup` small in the smoke test.
 */
export async function measureReports(options: {
  regionId: string;
  regionBodyId: string;
  now: string;
  runs?: number;
  pdfRuns?: number;
  warmup?: number;
}): Promise<ReportsMeasured> {
  const runs = options.runs ?? RUNS;
  const warmup = options.warmup ?? 1;
  const { operation } = await import("../lib/operation.js");
  const { gatherReportInput } = await import("../lib/reports/input.js");
  const { computeFigures } = await import("../lib/domain/reports/figures.js");
  const { PDF_CONTRACT_ROWS, PDF_LIST_ROWS, renderReportPdf } = await import("../lib/reports/pdf.js");
  const { renderReportCsv } = await import("../lib/reports/csv.js");
  const { digestOf } = await import("../lib/domain/digest.js");

  const op = operation(
    { sub: "bench-auditor", role: "auditor", orgId: options.regionBodyId, regionId: options.regionId },
    new Date(options.now),
  );
  const request = {
    regionId: options.regionId,
    scope: "region" as const,
    scopeId: null,
    period: REPORT_PERIOD,
  };
  const figuresOf = async () => computeFigures(await gatherReportInput(op, request));
  const renderable = (figures: ReportFigures) => ({
    figures,
    number: `${options.regionId.toUpperCase()}-2026-0001`,
    issuedAt: options.now,
    language: "nl" as const,
    figuresDigest: digestOf(figures),
  });

  // First, in a fresh process: the work of an issue, figures, PDF and CSV one after another.
  let sampled = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 10);
  const together = await timeAsync(
    async () => {
      const f = await figuresOf();
      await renderReportPdf(renderable(f));
      renderReportCsv(f, "comma");
    },
    runs,
    warmup,
  ).finally(() => clearInterval(sampler));
  // maxRSS is in kibibytes; read before the floors run, so it is the issuing work's peak alone.
  const peakRssMB = mb(process.resourceUsage().maxRSS * 1024);
  const contractIds = await regionContractIds(options.regionId);
  let monthRows = 0;
  let figures: ReportFigures | undefined;
  const [figuresTiming, floor] = await timeSideBySide(
    [
      async () => {
        figures = await figuresOf();
      },
      async () => {
        monthRows = await rawMonthRows(contractIds, REPORT_PERIOD.to);
      },
    ],
    runs,
    warmup,
  );
  const report = renderable(figures!);
  const cells = tableCells(figures!, {
    contracts: figures!.contracts.length <= PDF_CONTRACT_ROWS,
    atRisk: figures!.atRisk.length <= PDF_LIST_ROWS,
    dataQuality: figures!.dataQuality.length <= PDF_LIST_ROWS,
  });
  let pdfBytes = 0;
  let pdfFloorBytes = 0;
  const [pdf, pdfFloor] = await timeSideBySide(
    [
      async () => {
        pdfBytes = (await renderReportPdf(report)).length;
      },
      async () => {
        pdfFloorBytes = (await plainTablePdf(cells)).length;
      },
    ],
    options.pdfRuns ?? PDF_RUNS,
    warmup,
  );
  let csvBytes = 0;
  const csv = await timeAsync(
    async () => {
      csvBytes = renderReportCsv(figures!, "comma").length;
    },
    runs,
    warmup,
  );
  return {
    contracts: contractIds.length,
    reported: figures!.contracts.length,
    monthRows,
    figures: figuresTiming,
    floor,
    pdf,
    pdfFloor,
    csv,
    together,
    pdfBytes,
    pdfFloorBytes,
    csvBytes,
    floorTable: { rows: cells.length, columns: cells[0]?.length ?? 0 },
    peakRssMB,
    sampledRssMB: mb(sampled),
  };
}

/** The region's contract ids, as gatherReportInput finds them (its municipalities' contracts). */
async function regionContractIds(regionId: string): Promise<string[]> {
  const { queryAll } = await import("../lib/store/paging.js");
  const { organisationEntity, organisationQueries } = await import("../lib/entities/organisation.js");
  const { contractEntity, contractQueries } = await import("../lib/entities/contract.js");
  const buyers = organisationEntity.readAll(
    await queryAll(organisationQueries.ofRegion(regionId, "municipality")),
  );
  const ids: string[] = [];
  for (const buyer of buyers)
    for (const c of contractEntity.readAll(await queryAll(contractQueries.ofBuyer(buyer.id))))
      if (c.regionId === regionId) ids.push(c.id);
  return ids;
}

/**
 * The floor of the figures: every contract's month rows up to the period's end, read with paged
 * Query calls as they are (no schema, no logic), as many at a time as gatherReportInput reads them.
 */
async function rawMonthRows(contractIds: string[], to: string): Promise<number> {
  const { QueryCommand } = await import("@aws-sdk/lib-dynamodb");
  const { db } = await import("../lib/store/client.js");
  const { tableName } = await import("../lib/store/table.js");
  const { inParallel } = await import("../lib/store/parallel.js");
  const { monthTotalsQueries } = await import("../lib/entities/month-totals.js");
  const counts = await inParallel(contractIds, async (id) => {
    const { pk, skBetween } = monthTotalsQueries.upTo(id, to);
    let read = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": pk, ":from": skBetween![0], ":to": skBetween![1] },
          Limit: 500,
          ExclusiveStartKey: start,
        }),
      );
      read += out.Items?.length ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return read;
  });
  return counts.reduce((a, b) => a + b, 0);
}

const euros = (cents: number) => (cents / 100).toFixed(2);

/**
 * The text of a plain table as large as the PDF's tables together: a row per group, at-risk contract
 * and data-quality flag, and per contract when the PDF lists them (`listContracts`; a region's are in
 * the CSV only); ten columns (the contract table's). Made before the timing.
 */
/** The rows the PDF's tables hold: long lists are in the CSV or JSON only (see lib/reports/pdf.ts). */
function tableCells(
  figures: ReportFigures,
  list: { contracts: boolean; atRisk: boolean; dataQuality: boolean },
): string[][] {
  const row = (...cells: (string | number | null)[]) =>
    Array.from({ length: 10 }, (_, i) =>
      cells[i] === null || cells[i] === undefined ? "" : String(cells[i]),
    );
  const group = (g: {
    name: string;
    contracts: number;
    current: { acceptedCents: number; cumulativeAcceptedCents: number };
  }) => row(g.name, g.contracts, euros(g.current.acceptedCents), euros(g.current.cumulativeAcceptedCents));
  return [
    ...(list.contracts ? figures.contracts : []).map((c) =>
      row(
        c.reference,
        c.title,
        c.municipalityId,
        c.supplierId,
        euros(c.obligationCents),
        euros(c.acceptedCents),
        euros(c.cumulativeAcceptedCents),
        euros(c.shortfallCents),
        c.fulfilmentPercent,
        c.status,
      ),
    ),
    ...[
      ...figures.byMunicipality,
      ...figures.bySupplier,
      ...figures.byTargetGroup,
      ...figures.byBlockKind,
    ].map(group),
    ...(list.atRisk ? figures.atRisk : []).map((a) =>
      row(
        a.contractId,
        a.reason,
        euros(a.expectedByNowCents),
        euros(a.cumulativeAcceptedCents),
        euros(a.shortfallCents),
      ),
    ),
    ...(list.dataQuality ? figures.dataQuality : []).map((f) => row(f.contractId, f.kind, f.count)),
  ];
}

/**
 * The PDF floor: pdfkit writing the cells as a table, A4, Noto Sans 8 pt, the header row on every page;
 * tagged like the report (a Table of TR rows of TD cells), since the report must be, but with no layout,
 * formatting or wrapping.
 */
async function plainTablePdf(cells: string[][]): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const { reportFonts } = await import("../lib/reports/fonts.js");
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    tagged: true,
    lang: "nl-NL",
    font: null as unknown as string,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("regular", reportFonts().regular);
  doc.font("regular").fontSize(8);
  const table = doc.struct("Table");
  doc.addStructure(table);
  const width = 515 / 10;
  const header = cells[0]!.map((_, i) => `column ${i + 1}`);
  const row = (texts: string[], y: number) => {
    const tr = doc.struct("TR");
    table.add(tr);
    for (const [i, text] of texts.entries()) {
      const content = doc.markStructureContent("TD");
      doc.text(text, 40 + i * width, y, { width, lineBreak: false });
      doc.endMarkedContent();
      tr.add(doc.struct("TD", {}, [content]));
    }
    tr.end();
  };
  let y = 842;
  for (const texts of cells) {
    if (y > 842 - 56 - 11) {
      if (y !== 842) doc.addPage();
      y = 56;
      row(header, y);
      y += 11;
    }
    row(texts, y);
    y += 11;
  }
  table.end();
  doc.end();
  return done;
}

/** Runs a tsx script of this folder and returns its stdout (its stderr goes to ours). */
async function runScript(script: string, args: string[]): Promise<string> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL(script, import.meta.url)), ...args],
    {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`${script} ${args.join(" ")} exited with ${code}`);
  return out;
}

/**
 * The suite of npm run bench: the full-size region (generated once, then reused), measured in a worker
 * process of its own, with its budgets.
 */
export async function runReportsSuite(): Promise<SuiteResult> {
  const began = performance.now();
  const ensured = JSON.parse(await runScript("./synthetic-region.ts", [])) as SyntheticRegion & {
    folder: string;
    generated: boolean;
  };
  const measured = JSON.parse(
    await runScript("./reports.ts", ["--worker", ensured.folder, "--runs", String(RUNS)]),
  ) as ReportsMeasured;
  return reportsResult(measured, {
    region: ensured,
    generated: ensured.generated,
    seconds: Math.round((performance.now() - began) / 100) / 10,
  });
}

/** The worker: opens the cached region's dynalite (in a child process) and measures. */
async function worker(folder: string, runs: number): Promise<ReportsMeasured> {
  const dynamo = await startDynaliteProcess({ path: folder });
  const { regionEnv } = await import("./synthetic-region.js");
  const restore = withEnv(regionEnv(dynamo.endpoint));
  try {
    const { completedRegion } = await import("./synthetic/region.js");
    const region = await completedRegion(FULL_SIZE);
    if (!region) throw new Error(`no complete synthetic region in ${folder}: run npm run synthetic-region`);
    return await measureReports({ ...region, now: region.options.now, runs });
  } finally {
    restore();
    await dynamo.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { worker: { type: "string" }, runs: { type: "string" } },
  });
  if (values.worker) {
    console.log(JSON.stringify(await worker(values.worker, Number(values.runs ?? RUNS))));
  } else {
    const { report } = await import("./suite.js");
    const result = await runReportsSuite();
    console.log(report(result));
    if (result.budgets.some((b) => !b.met)) process.exitCode = 1;
  }
}
