/**
 * Horizontal bar chart of fulfilment percentages, drawn as vectors. Each page's part is one Figure in
 * the logical structure whose alternative text states every value it shows.
 */
import type { Labels } from "./labels.js";
import { FONT, type PdfWriter } from "./pdf-writer.js";

export interface Bar {
  label: string;
  /** Null when there is no obligation to fulfil. */
  percent: number | null;
}

const LABEL_WIDTH = 150;
const VALUE_WIDTH = 56;
const PITCH = 15;
const BAR = 10;
const AXIS = 22;
const COLOR = { bar: "#2f6ea5", over: "#3c8d52", grid: "#d5d5d5", full: "#333333", text: "#000000" };

/** The axis runs to 100 % or to the largest value rounded up to 25 %, at most 200 %. */
function axisMaximum(bars: readonly Bar[]): number {
  const largest = Math.max(100, ...bars.map((b) => b.percent ?? 0));
  return Math.min(200, Math.ceil(largest / 25) * 25);
}

export function barChart(
  w: PdfWriter,
  parent: PDFKit.PDFStructureElement,
  bars: readonly Bar[],
  labels: Labels,
): void {
  const { doc } = w;
  const maximum = axisMaximum(bars);
  const plotX = w.left + LABEL_WIDTH;
  const plotWidth = w.width - LABEL_WIDTH - VALUE_WIDTH;
  const xOf = (percent: number) => plotX + (plotWidth * Math.min(percent, maximum)) / maximum;
  let index = 0;
  while (index < bars.length) {
    w.ensure(PITCH * Math.min(3, bars.length - index) + AXIS);
    const fit = Math.max(1, Math.floor((w.bottom - w.y - AXIS) / PITCH));
    const part = bars.slice(index, index + fit);
    index += part.length;
    const top = w.y;
    const height = part.length * PITCH + AXIS;
    const alt = `${labels.words.chartAlt}: ${part
      .map((b) => `${b.label} ${b.percent === null ? labels.words.noObligation : labels.percent(b.percent)}`)
      .join("; ")}.`;
    const content = doc.markStructureContent("Figure");
    doc.fontSize(7.5).font(FONT.regular);
    for (let tick = 0; tick <= maximum; tick += 25) {
      const x = xOf(tick);
      doc
        .moveTo(x, top)
        .lineTo(x, top + part.length * PITCH)
        .lineWidth(tick === 100 ? 0.9 : 0.4)
        .stroke(tick === 100 ? COLOR.full : COLOR.grid);
      if (tick % 50 === 0) {
        const text = labels.wholePercent(tick);
        doc.fillColor(COLOR.text).text(text, x - doc.widthOfString(text) / 2, top + part.length * PITCH + 4, {
          lineBreak: false,
        });
      }
    }
    part.forEach((bar, i) => {
      const y = top + i * PITCH;
      doc.fontSize(8).fillColor(COLOR.text);
      const name = fitText(w, bar.label, LABEL_WIDTH - 6);
      doc.text(name, w.left, y + 1.5, { lineBreak: false });
      if (bar.percent !== null && bar.percent > 0) {
        doc
          .rect(plotX, y + (PITCH - BAR) / 2, xOf(bar.percent) - plotX, BAR)
          .fill(bar.percent >= 100 ? COLOR.over : COLOR.bar);
      }
      const value = bar.percent === null ? labels.words.noObligation : labels.percent(bar.percent);
      doc
        .fontSize(7.5)
        .fillColor(COLOR.text)
        .text(value, plotX + plotWidth + 4, y + 2, { lineBreak: false });
    });
    doc.endMarkedContent();
    const options = {
      alt,
      placement: "Block",
      bbox: [w.left, top, w.left + w.width, top + height],
    } as PDFKit.Mixins.StructureElementOptions;
    parent.add(doc.struct("Figure", options, [content]));
    w.y = top + height + 10;
  }
}

/** The label, shortened with an ellipsis to fit `width` at the current font (the full name is in the alt text). */
function fitText(w: PdfWriter, text: string, width: number): string {
  const { doc } = w;
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 1 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end -= 1;
  return `${text.slice(0, end)}…`;
}
