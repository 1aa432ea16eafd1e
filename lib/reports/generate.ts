/**
 * The one seam between issuing (lib/reports/issue.ts, read.ts) and what a report is made of: the input
 * gathered from the running totals, the figures the domain computes, the renderings. The default
 * generator loads the real modules on first use; tests of the issuing machinery may put another in
 * place (one that throws at a chosen step, to show a crash there leaves no gap in the numbering).
 */
import type { Actor, Operation } from "../operation.js";
import { compareFigures, type FigureDifference } from "../domain/reports/compare.js";
import { computeFigures } from "../domain/reports/figures.js";
import type { ReportFigures, ReportInput, ReportRequest } from "../domain/reports/model.js";
import type { RenderableReport, ReportLanguage } from "./render-model.js";

export type { RenderableReport, ReportLanguage, ReportRequest };

export interface ReportGenerator {
  /** Refuses a request the actor may not make (403/404); the same rule decides who may read the result. */
  authorize(actor: Actor, request: ReportRequest): Promise<void>;
  /** The input, as of `op.now` (computedAt). */
  input(
    op: Operation,
    request: ReportRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ReportInput>;
  figures(input: ReportInput): ReportFigures;
  compare(issued: ReportFigures, now: ReportFigures): FigureDifference[];
  pdf(report: RenderableReport): Promise<Uint8Array>;
  csv(figures: ReportFigures, delimiter: "comma" | "semicolon"): Promise<Uint8Array>;
}

/**
 * The real modules, each loaded on first use: a request that only checks permissions never loads the
 * input reader or the renderers (pdfkit).
 */
export const realGenerator: ReportGenerator = {
  authorize: async (actor, request) => (await import("./access.js")).authorizeReportScope(actor, request),
  input: async (op, request, onProgress) =>
    (await import("./input.js")).gatherReportInput(op, request, onProgress),
  figures: computeFigures,
  compare: compareFigures,
  pdf: async (report) => (await import("./pdf.js")).renderReportPdf(report),
  csv: async (figures, delimiter) => (await import("./csv.js")).renderReportCsv(figures, delimiter),
};

let chosen: ReportGenerator | undefined;

/** The generator in use: the real modules, or the one a test put in place. */
export async function reportGenerator(): Promise<ReportGenerator> {
  return chosen ?? realGenerator;
}

/** Puts `generator` in place (undefined: the real modules again). For tests of the issuing machinery. */
export function useReportGenerator(generator: ReportGenerator | undefined): void {
  chosen = generator;
}
