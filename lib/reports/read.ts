/**
 * Reading reports: one report with its status and figures, a region's list, the stored renderings,
 * verification against today's data, recognition of a PDF by its bytes, and live figures.
 */
import { createHash } from "node:crypto";
import { Conflict, NotFound } from "../domain/errors.js";
import type { ReportFigures } from "../domain/reports/model.js";
import { jobEntity, jobKey } from "../entities/job.js";
import { pdfDigestEntity, pdfDigestKey, reportEntity, reportKey, reportQueries } from "../entities/report.js";
import { MAX_JOB_ATTEMPTS } from "../jobs/limits.js";
import { effectiveStatus, type Job, loadJob } from "../jobs/records.js";
import { type Actor, type Operation, operation } from "../operation.js";
import { batchGetItems } from "../store/batch.js";
import { CorruptDocument, getDocument } from "../store/documents.js";
import { getItem } from "../store/ops.js";
import { type Page, queryPage } from "../store/paging.js";
import type { FigureDifference } from "../domain/reports/compare.js";
import { type ReportRequest, reportGenerator } from "./generate.js";
import { pinnedFigures } from "./issue.js";
import { actorOf, loadReport, type Report, requestOf } from "./records.js";

export type ReportStatus = "queued" | "running" | "issued" | "failed" | "superseded";

export function statusOf(report: Report, job: Job | undefined, now: Date): ReportStatus {
  if (report.state !== "requested") return report.state;
  return job ? effectiveStatusOfJob(job, now) : "queued";
}

const effectiveStatusOfJob = (job: Job, now: Date): ReportStatus => {
  const status = effectiveStatus(job, now, MAX_JOB_ATTEMPTS);
  // The job is done, but the record was not read after it: it is issued by the next read.
  return status === "done" ? "running" : status;
};

/**
 * Figures up to this size (canonical JSON) are part of GET /v1/reports/{id}; larger ones (a region of
 * a thousand contracts and more) only download from /json, so an answer stays far below Lambda's 6 MB.
 */
export const INLINE_FIGURES_BYTES = 1024 * 1024;

const inline = (pointer: { bytes?: number | undefined }) => (pointer.bytes ?? 0) <= INLINE_FIGURES_BYTES;

export interface ReportView {
  report: Report;
  status: ReportStatus;
  progress: { done: number; total: number };
  /** Once issued. */
  figures: ReportFigures | null;
  error: string | null;
}

export async function getReport(op: Operation, id: string): Promise<ReportView> {
  // Read together; the job says nothing until the report is found and the caller may see it.
  const [report, job] = await Promise.all([loadReport(op.actor, id), loadJob(id)]);
  const status = statusOf(report, job, op.now);
  return {
    report,
    status,
    progress: job?.progress ?? { done: 0, total: 0 },
    figures:
      report.figures && report.state !== "requested" && inline(report.figures)
        ? await pinnedFigures(id, report.figures)
        : null,
    error: status === "failed" ? (job?.error ?? null) : null,
  };
}

/**
 * A region's reports, newest first: all of them for its auditors (and admins); for an officer or
 * supplier those of its own scope (its municipality and contracts, its supplier statements and contracts).
 */
export async function listReports(
  op: Operation,
  regionId: string,
  paging: { limit: number; cursor?: string | undefined },
): Promise<Page<Omit<ReportView, "figures">>> {
  const { actor } = op;
  let page: Page<unknown>;
  if (actor.role === "auditor" || actor.role === "admin") {
    if (actor.role === "auditor" && actor.regionId !== regionId) throw new NotFound("region");
    page = await queryPage({ ...reportQueries.ofRegion(regionId), ...paging });
  } else {
    const own = actor.role === "officer" ? reportQueries.ofBuyer : reportQueries.ofSupplier;
    page = await queryPage({
      ...own(actor.orgId),
      ...paging,
      filter: {
        expression: "#region = :region",
        names: { "#region": "regionId" },
        values: { ":region": regionId },
      },
    });
  }
  const reports = reportEntity.readAll(page.items);
  const jobs = await batchGetItems(reports.map((r) => jobKey(r.id)));
  return {
    items: reports.map((report, i) => {
      const job = jobs[i] ? jobEntity.read(jobs[i]) : undefined;
      const status = statusOf(report, job, op.now);
      return {
        report,
        status,
        progress: job?.progress ?? { done: 0, total: 0 },
        error: status === "failed" ? (job?.error ?? null) : null,
      };
    }),
    nextCursor: page.nextCursor,
  };
}

export type Rendering = "pdf" | "csv" | "csvSemicolon" | "json";

const CONTENT_TYPES: Record<Rendering, string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  csvSemicolon: "text/csv; charset=utf-8",
  json: "application/json",
};
const EXTENSIONS: Record<Rendering, string> = { pdf: "pdf", csv: "csv", csvSemicolon: "csv", json: "json" };

export interface StoredRendering {
  key: string;
  filename: string;
  contentType: string;
  sha256: string;
}

/** Where an issued report's rendering is stored: 409 report-not-issued before it is issued. */
export async function renderingOf(actor: Actor, id: string, rendering: Rendering): Promise<StoredRendering> {
  const report = await loadReport(actor, id);
  if (report.state === "requested" || !report.documents || !report.number || !report.figures)
    throw new Conflict(`Report ${id} is not issued yet: its files exist once it is.`, "report-not-issued");
  // The figures document is the canonical JSON whose SHA-256 is the figures digest.
  const stored =
    rendering === "json"
      ? { key: report.figures.key, sha256: report.figures.digest }
      : report.documents[rendering];
  return {
    key: stored.key,
    filename: `${report.number}.${EXTENSIONS[rendering]}`,
    contentType: CONTENT_TYPES[rendering],
    sha256: stored.sha256,
  };
}

/** The stored bytes of a rendering, checked against the digest recorded at issue. */
export async function renderingBytes(rendering: StoredRendering): Promise<Uint8Array> {
  const bytes = await getDocument(rendering.key);
  if (!bytes) throw new CorruptDocument(rendering.key, "is missing");
  if (createHash("sha256").update(bytes).digest("hex") !== rendering.sha256)
    throw new CorruptDocument(rendering.key, "does not have the digest recorded at issue");
  return bytes;
}

export type Verification = { result: "equal" } | { result: "differs"; differences: FigureDifference[] };

/**
 * Recomputes an issued report's figures from today's data, as of the report's own computedAt: the same
 * period, scope and status date, so only changed data (an entry accepted since, a reversal) differs,
 * never the passage of time (statuses and expected-by-now depend on the date they are taken at).
 */
export async function verifyReport(op: Operation, id: string): Promise<Verification> {
  const report = await loadReport(op.actor, id);
  if (report.state === "requested" || !report.figures)
    throw new Conflict(`Report ${id} is not issued yet: there is nothing to verify.`, "report-not-issued");
  const issued = await pinnedFigures(id, report.figures);
  const generator = await reportGenerator();
  const asIssued = operation(actorOf(report), new Date(report.computedAt), `verify-${op.opId}`);
  const now = generator.figures(await generator.input(asIssued, requestOf(report)));
  const differences = generator.compare(issued, now);
  return differences.length === 0 ? { result: "equal" } : { result: "differs", differences };
}

export type DocumentRecognition =
  | { result: "authentic"; reportId: string; number: string }
  | { result: "unknown" };

/** Whether these exact bytes are the PDF of an issued report (one changed byte: unknown). */
export async function recognisePdf(bytes: Uint8Array): Promise<DocumentRecognition> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const item = await getItem(pdfDigestKey(sha256));
  if (!item) return { result: "unknown" };
  const { reportId, number } = pdfDigestEntity.read(item);
  // Written just before its report is marked issued: until then the bytes were never handed out.
  const report = await getItem(reportKey(reportId));
  if (!report || reportEntity.read(report).state === "requested") return { result: "unknown" };
  return { result: "authentic", reportId, number };
}

/** Live figures: the same computation as issuing, with the same permissions; nothing is stored. */
export async function liveFigures(op: Operation, request: ReportRequest): Promise<ReportFigures> {
  const generator = await reportGenerator();
  await generator.authorize(op.actor, request);
  return generator.figures(await generator.input(op, request));
}
