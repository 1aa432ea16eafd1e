/**
 * A small layout engine over pdfkit for tagged reports: it keeps the current position itself, starts
 * a new page only where it decides to (never pdfkit's automatic break), and puts every drawn thing
 * either in the logical structure (headings, paragraphs, table cells, figures) or marks it as an
 * artifact (rules, backgrounds, repeated table headers, page headers and footers), as PDF/UA asks.
 */
import type PDFDocument from "pdfkit";

type Doc = InstanceType<typeof PDFDocument>;
type Struct = PDFKit.PDFStructureElement;

export const FONT = { regular: "regular", bold: "bold" } as const;
export const MARGIN = { top: 56, bottom: 56, side: 40 };
const PAD = { x: 3, y: 2.5 };
const RULE = "#c8c8c8";
const HEADER_FILL = "#e9eef4";
const TOTAL_FILL = "#f3f3f3";

export interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

export interface TableOptions {
  fontSize?: number;
  /** Of the header row: 7.5 by default, smaller than the rows so long column names fit. */
  headerSize?: number;
  /** A last row in bold (a totals row), part of the table. */
  totals?: string[];
}

/**
 * Pages stay in memory until the footers ("page 3 of 12") are written, and pdfkit keeps a page's
 * content as one small buffer per drawing operation (hundreds of thousands in a large report, each
 * with ~150 bytes of overhead). A finished page's buffers are joined into one.
 */
function compactContent(page: PDFKit.PDFPage): void {
  const content = (page as unknown as { content?: { buffer?: unknown } }).content;
  if (content !== undefined && Array.isArray(content.buffer) && content.buffer.length > 1)
    content.buffer = [Buffer.concat(content.buffer as Uint8Array[])];
}

/** Accented letters as single characters, which the font has glyphs for. */
const nfc = (text: string): string => text.normalize("NFC");

export class PdfWriter {
  readonly doc: Doc;
  readonly root: Struct;
  y = MARGIN.top;
  readonly left = MARGIN.side;
  private readonly advances = new Map<string, Map<string, number>>();

  constructor(doc: Doc) {
    this.doc = doc;
    this.root = doc.struct("Document");
    doc.addStructure(this.root);
  }

  /** Width of the text area of the current page. */
  get width(): number {
    return this.doc.page.width - 2 * MARGIN.side;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** A new page, in the orientation given or that of the current page. */
  newPage(layout?: "portrait" | "landscape"): void {
    const current = this.doc.page.width > this.doc.page.height ? "landscape" : "portrait";
    compactContent(this.doc.page);
    this.doc.addPage({ size: "A4", layout: layout ?? current, margin: 0 });
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** A grouping element (Sect) under the document. */
  section(): Struct {
    const sect = this.doc.struct("Sect");
    this.root.add(sect);
    return sect;
  }

  /** Text in its own structure element (H1, H2, P, …), wrapped to `width`. */
  block(
    parent: Struct,
    type: string,
    text: string,
    options: {
      size?: number;
      bold?: boolean;
      color?: string;
      gapAfter?: number;
      x?: number;
      width?: number;
    } = {},
  ): void {
    const { doc } = this;
    const size = options.size ?? 10;
    const x = options.x ?? this.left;
    const width = options.width ?? this.width - (x - this.left);
    text = nfc(text);
    doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(size);
    const height = doc.heightOfString(text, { width });
    this.ensure(height);
    const content = doc.markStructureContent(type);
    doc.fillColor(options.color ?? "#000000").text(text, x, this.y, { width });
    doc.endMarkedContent();
    parent.add(doc.struct(type, {}, [content]));
    this.y += height + (options.gapAfter ?? size * 0.5);
  }

  /** A heading kept with at least `keep` points of what follows it. */
  heading(parent: Struct, level: 1 | 2 | 3, text: string, keep = 60): void {
    const size = level === 1 ? 22 : level === 2 ? 15 : 11.5;
    this.doc.font(FONT.bold).fontSize(size);
    this.ensure(this.doc.heightOfString(text, { width: this.width }) + keep);
    if (level === 2) this.doc.outline.addItem(text);
    this.block(parent, `H${level}`, text, { size, bold: true, color: "#16365c", gapAfter: size * 0.45 });
  }

  /**
   * Width of `text` on one line: the sum of its characters' advances, each measured once. Exact for
   * these fonts, which have no kerning or ligatures (fonts.ts); pdfkit would lay out every string
   * anew. The font and size must be the current ones.
   */
  lineWidth(text: string, font: string, size: number): number {
    let advances = this.advances.get(font);
    if (advances === undefined) {
      advances = new Map();
      this.advances.set(font, advances);
    }
    let units = 0;
    for (const char of text) {
      let advance = advances.get(char);
      if (advance === undefined) {
        advance = this.doc.widthOfString(char) / size;
        advances.set(char, advance);
      }
      units += advance;
    }
    return units * size;
  }

  /** Drawing outside the logical structure (rules, fills, running headers). */
  artifact(type: "Pagination" | "Layout", draw: () => void): void {
    this.doc.markContent("Artifact", { type });
    draw();
    this.doc.endMarkedContent();
  }

  /**
   * A table whose rows break across pages; the header row is repeated on each page it continues on
   * (as an artifact: the logical structure has it once). Text columns wrap, number columns are
   * right-aligned on one line.
   */
  table(parent: Struct, columns: Column[], rows: Iterable<string[]>, options: TableOptions = {}): void {
    const { doc } = this;
    const size = options.fontSize ?? 8;
    const table = doc.struct("Table");
    parent.add(table);
    const xs: number[] = [];
    let x = this.left;
    for (const column of columns) {
      xs.push(x);
      x += column.width;
    }
    const headerSize = options.headerSize ?? Math.min(size, 7.5);
    const lineHeight = doc.font(FONT.regular).fontSize(size).currentLineHeight(true);

    const inner = (i: number) => columns[i]!.width - 2 * PAD.x;
    const wraps = (text: string, width: number, i: number) => text.includes("\n") || width > inner(i);

    /** Each cell's one-line width and the row's height (a cell wider than its column wraps). */
    const layoutRow = (cells: readonly string[], font: string, fontSize: number) => {
      doc.font(font).fontSize(fontSize);
      let height = doc.currentLineHeight(true);
      const widths = cells.map((text, i) => {
        const width = this.lineWidth(text, font, fontSize);
        if (wraps(text, width, i)) height = Math.max(height, doc.heightOfString(text, { width: inner(i) }));
        return width;
      });
      return { widths, height: height + 2 * PAD.y };
    };

    const drawCells = (
      cells: readonly string[],
      widths: readonly number[],
      font: string,
      fontSize: number,
      tr: Struct | null,
      cellType: "TH" | "TD",
    ) => {
      doc.font(font).fontSize(fontSize).fillColor("#000000");
      cells.forEach((text, i) => {
        const column = columns[i]!;
        const content = tr === null ? null : doc.markStructureContent(cellType);
        const width = widths[i]!;
        if (!wraps(text, width, i)) {
          const cx = column.align === "right" ? xs[i]! + column.width - PAD.x - width : xs[i]! + PAD.x;
          doc.text(text, cx, this.y + PAD.y, { lineBreak: false });
        } else {
          doc.text(text, xs[i]! + PAD.x, this.y + PAD.y, { width: inner(i), align: column.align ?? "left" });
        }
        if (tr !== null && content !== null) {
          doc.endMarkedContent();
          const options =
            cellType === "TH" ? ({ scope: "Column" } as PDFKit.Mixins.StructureElementOptions) : {};
          tr.add(doc.struct(cellType, options, [content]));
        }
      });
    };

    const headerCells = columns.map((c) => nfc(c.header));
    const header = layoutRow(headerCells, FONT.bold, headerSize);
    const headerHeight = header.height;
    const drawHeader = (tagged: boolean) => {
      this.artifact("Layout", () => {
        doc.rect(this.left, this.y, this.width, headerHeight).fill(HEADER_FILL);
      });
      if (tagged) {
        const tr = doc.struct("TR");
        table.add(tr);
        drawCells(headerCells, header.widths, FONT.bold, headerSize, tr, "TH");
        tr.end();
      } else {
        this.artifact("Pagination", () =>
          drawCells(headerCells, header.widths, FONT.bold, headerSize, null, "TH"),
        );
      }
      this.y += headerHeight;
    };

    // The rules under the rows of a page, drawn together when the page or the table is done.
    let rules: number[] = [];
    const drawRules = () => {
      if (rules.length === 0) return;
      this.artifact("Layout", () => {
        for (const y of rules) doc.moveTo(this.left, y).lineTo(this.left + this.width, y);
        doc.lineWidth(0.4).stroke(RULE);
      });
      rules = [];
    };

    const drawRow = (row: readonly string[], font: string, fill?: string) => {
      const cells = row.map(nfc);
      const { widths, height } = layoutRow(cells, font, size);
      if (this.y + height > this.bottom) {
        drawRules();
        this.newPage();
        drawHeader(false);
      }
      if (fill !== undefined)
        this.artifact("Layout", () => doc.rect(this.left, this.y, this.width, height).fill(fill));
      const tr = doc.struct("TR");
      table.add(tr);
      drawCells(cells, widths, font, size, tr, "TD");
      tr.end();
      this.y += height;
      rules.push(this.y);
    };

    // Keep the header with at least two rows.
    this.ensure(headerHeight + 2 * (lineHeight + 2 * PAD.y));
    drawHeader(true);
    for (const row of rows) drawRow(row, FONT.regular);
    if (options.totals !== undefined) drawRow(options.totals, FONT.bold, TOTAL_FILL);
    drawRules();
    table.end();
    this.y += 12;
  }
}
