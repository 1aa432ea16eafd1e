import type { ReportResponse, ReportSummaryResponse } from "../schemas/responses/reports.js";
import type { ReportView } from "./read.js";

export function reportSummaryToWire(view: Omit<ReportView, "figures">): ReportSummaryResponse {
  const { report, status } = view;
  const issued = status === "issued" || status === "superseded";
  const documents = issued ? report.documents : null;
  return {
    id: report.id,
    regionId: report.regionId,
    number: issued ? report.number : null,
    status,
    progress: { done: view.progress.done, total: view.progress.total },
    scope: report.scope.kind,
    scopeId: report.scope.id,
    period: { from: report.period.from, to: report.period.to },
    language: report.language,
    requestedAt: report.requestedAt,
    computedAt: report.computedAt,
    issuedAt: issued ? report.issuedAt : null,
    issuedBy: issued ? report.requestedBy.sub : null,
    supersedes: report.supersedes,
    supersededBy: report.supersededBy,
    figuresUrl: issued ? `/v1/reports/${report.id}/json` : null,
    digests:
      documents && report.figures
        ? {
            figures: report.figures.digest,
            pdf: documents.pdf.sha256,
            csv: documents.csv.sha256,
            csvSemicolon: documents.csvSemicolon.sha256,
          }
        : null,
    error: view.error,
  };
}

export const reportToWire = (view: ReportView): ReportResponse => ({
  ...reportSummaryToWire(view),
  figures: view.figures as ReportResponse["figures"],
});
