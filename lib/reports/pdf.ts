/**
 * The PDF of an issued report: A4, tagged (document language, title, headings, tables, a figure with
 * alternative text, page furniture as artifacts), Noto Sans embedded, and deterministic: the same
 * report gives the same bytes (creation and modification date are the issue instant, and pdfkit
 * derives the document id from the document information, which holds nothing else that varies).
 */
import PDFDocument from "pdfkit";
import { reportFonts } from "./fonts.js";
import { type Labels, labelsFor } from "./labels.js";
import { FONT, MARGIN, PdfWriter } from "./pdf-writer.js";
import type { RenderableReport } from "./render-model.js";
import { chart, method, nameLookups, scopeText, summary, titlePage } from "./pdf-sections.js";
import { atRisk, contracts, dataQuality, groups } from "./pdf-tables.js";

export { PDF_CONTRACT_ROWS, PDF_LIST_ROWS } from "./pdf-tables.js";

export async function renderReportPdf(report: RenderableReport): Promise<Buffer> {
  const labels = labelsFor(report.language);
  const { figures } = report;
  const issued = new Date(report.issuedAt);
  const fonts = reportFonts();
  const doc = new PDFDocument({
    // No default font: pdfkit would read Helvetica's metrics from its package at run time, which a
    // bundle lacks. (A Buffer here would make every later switch to the registered font reparse it.)
    font: null as unknown as string,
    size: "A4",
    // The writer keeps its own margins and breaks pages itself; pdfkit's are zero so it never does.
    margin: 0,
    pdfVersion: "1.7",
    tagged: true,
    lang: labels.tag,
    displayTitle: true,
    bufferPages: true,
    // Laid-out words are cached: labels and amounts repeat. It grows with every distinct string, which
    // the PDF's caps on listed rows (PDF_CONTRACT_ROWS, PDF_LIST_ROWS) bound to about 10 MB.
    fontLayoutCache: true,
    info: {
      Title: `${labels.words.reportTitle} ${figures.scope.name}, ${labels.period(figures.period)} (${report.number})`,
      Author: figures.region.name,
      Subject: `${labels.words.reportTitle}: ${scopeText(figures, labels)}, ${labels.period(figures.period)}`,
      Keywords: report.number,
      Creator: "impact-procurement",
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const done = collect(doc);
  // Drawing is synchronous: once the stream flows (next turn of the event loop), each chunk goes to
  // the collector as it is written instead of piling up in the stream's buffer.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    doc.registerFont(FONT.regular, fonts.regular);
    doc.registerFont(FONT.bold, fonts.bold);
    doc.font(FONT.regular);
    const w = new PdfWriter(doc);
    const names = nameLookups(figures);
    titlePage(w, report, labels);
    w.newPage();
    summary(w, figures, labels);
    chart(w, figures, labels, names);
    groups(w, figures, labels);
    contracts(w, figures, labels, names);
    atRisk(w, figures, labels, names);
    dataQuality(w, figures, labels, names);
    method(w, figures, labels);
    w.root.end();
    pageFurniture(w, report, labels);
    doc.end();
  } catch (error) {
    doc.destroy(error as Error);
  }
  return done;
}

/**
 * The document's bytes. pdfkit emits one small chunk per line it writes (several per structure
 * element); they are joined every few hundred so a large report does not hold a million tiny buffers.
 */
function collect(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  const joined: Buffer[] = [];
  let pending: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => {
      pending.push(chunk);
      if (pending.length === 512) {
        joined.push(Buffer.concat(pending));
        pending = [];
      }
    });
    doc.on("end", () => resolve(Buffer.concat([...joined, ...pending])));
    doc.on("error", reject);
  });
}

/** Running header (from page 2) and footer on every page, as pagination artifacts. */
function pageFurniture(w: PdfWriter, report: RenderableReport, labels: Labels): void {
  const { doc } = w;
  const { start, count } = doc.bufferedPageRange();
  const left = `${report.number} · ${report.figures.region.name}`;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const page = i - start + 1;
    w.artifact("Pagination", () => {
      // doc.page is the page switched to: portrait or landscape.
      doc.font(FONT.regular).fontSize(8).fillColor("#555555");
      const footerY = doc.page.height - MARGIN.bottom + 20;
      doc.text(left, w.left, footerY, { lineBreak: false });
      const pageText = labels.pageOf(page, count);
      doc.text(pageText, w.left + w.width - doc.widthOfString(pageText), footerY, { lineBreak: false });
      if (page > 1) {
        const header = `${labels.words.reportTitle} · ${report.figures.scope.name} · ${labels.period(report.figures.period)}`;
        doc.text(header, w.left, MARGIN.top - 28, { lineBreak: false });
        doc
          .moveTo(w.left, MARGIN.top - 14)
          .lineTo(w.left + w.width, MARGIN.top - 14)
          .lineWidth(0.4)
          .stroke("#999999");
      }
    });
  }
}
