/**
 * A page of a report as a PNG, for the README: renders the test fixture's report (or reads a PDF
 * given with --pdf, such as one downloaded from GET /v1/reports/{id}/pdf) and converts one page with
 * poppler's pdftoppm.
 *
 *   npx tsx test/support/report-preview.ts --out report-page.png [--page 2] [--language en] [--dpi 110] [--pdf report.pdf]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { renderReportPdf } from "../../lib/reports/pdf.js";
import { reportFiguresFixture } from "../fixtures/report-figures.js";

/** One page of `pdf` as a PNG file at `out`. */
export function pdfPageToPng(pdf: Buffer, out: string, page = 2, dpi = 110): void {
  const dir = mkdtempSync(join(tmpdir(), "report-preview-"));
  try {
    writeFileSync(join(dir, "report.pdf"), pdf);
    const args = ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile"];
    execFileSync("pdftoppm", [...args, join(dir, "report.pdf"), join(dir, "page")]);
    renameSync(join(dir, "page.png"), out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "report-page.png" },
      page: { type: "string", default: "2" },
      language: { type: "string", default: "nl" },
      dpi: { type: "string", default: "110" },
      pdf: { type: "string" },
    },
  });
  const pdf =
    values.pdf !== undefined
      ? readFileSync(values.pdf)
      : await renderReportPdf({
          figures: reportFiguresFixture(),
          number: "ACHTERHOEK-2026-0001",
          issuedAt: "2026-07-01T10:15:00.000Z",
          language: values.language === "en" ? "en" : "nl",
          figuresDigest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        });
  const out = resolve(values.out);
  try {
    pdfPageToPng(pdf, out, Number(values.page), Number(values.dpi));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error("pdftoppm not found: install poppler-utils (apt-get install poppler-utils)");
    throw error;
  }
  console.log(`wrote ${out} (page ${values.page} of a ${pdf.length}-byte PDF)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
