import type { ReportFigures } from "../domain/reports/model.js";

/** What a rendering of an issued report is made from: its figures and what issuing gave them. */
export interface RenderableReport {
  figures: ReportFigures;
  /** `<REGION>-<YYYY>-<NNNN>`. */
  number: string;
  /** ISO instant of issue: the PDF's creation and modification date. */
  issuedAt: string;
  language: ReportLanguage;
  /** SHA-256 (hex) of the canonical figures, printed on the title page. */
  figuresDigest: string;
}

export type ReportLanguage = "nl" | "en";
