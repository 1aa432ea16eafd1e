/**
 * Issuing a requested report, as a job (lib/jobs/): ordered, idempotent steps that a later attempt
 * resumes wherever an earlier one stopped.
 *  1. gather the input (progress shown on the job) and compute the figures;
 *  2. store the figures (content-addressed) and pin them on the record with the issue time — once:
 *     a later attempt takes the pinned figures, even if the data changed meanwhile;
 *  3. claim the number (lib/reports/numbering.ts);
 *  4. render the PDF and both CSVs from the pinned figures and the number, store them and the PDF's
 *     digest index item, then mark the record issued (it points at the documents only then);
 *  5. mark the report it supersedes, and record the audit events.
 */
import { createHash } from "node:crypto";
import { clock } from "../http/clock.js";
import { countEvent, logger } from "../http/observability.js";
import { appendAudit } from "../audit/audit.js";
import type { ReportFigures } from "../domain/reports/model.js";
import {
  pdfDigestKey,
  type ReportFields,
  reportDocumentKeys,
  reportEntity,
  reportKey,
} from "../entities/report.js";
import type { JobHandler } from "../jobs/kinds.js";
import { canonicalJson, digestOf, operation } from "../operation.js";
import { CorruptDocument, getDocument, putDocument } from "../store/documents.js";
import { getItem, putIfAbsent, setIf } from "../store/ops.js";
import { reportGenerator } from "./generate.js";
import { claimReportNumber } from "./numbering.js";
import { actorOf, requestOf } from "./records.js";

export const issueReportJob: JobHandler = async (job) => {
  const reportId = job.payload.reportId;
  if (typeof reportId !== "string") throw new Error("A report job names its report");
  await issueReport(reportId, job.progress);
};

async function loadReport(id: string): Promise<ReportFields> {
  const item = await getItem(reportKey(id));
  if (!item) throw new Error(`Report ${id} does not exist`);
  return reportEntity.read(item);
}

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Progress written at most once a second (and at the end): a region has thousands of contracts. Only a
 * display: a progress write that fails is logged, never a reason to fail the issue.
 */
function throttled(write: (done: number, total: number) => Promise<void>) {
  let last = 0;
  let pending: Promise<void> = Promise.resolve();
  return {
    report(done: number, total: number) {
      const now = Date.now();
      if (done < total && now - last < 1000) return;
      last = now;
      pending = pending
        .then(() => write(done, total))
        .catch((error: unknown) => logger.warn("report progress not recorded", { done, total, error }));
    },
    settled: () => pending,
  };
}

export async function issueReport(
  reportId: string,
  progress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<void> {
  let report = await loadReport(reportId);
  if (report.state === "requested") report = await issueRequested(report, progress);
  await afterIssue(report);
}

async function issueRequested(
  requested: ReportFields,
  progress: (done: number, total: number) => Promise<void>,
): Promise<ReportFields> {
  const generator = await reportGenerator();
  let report = requested;
  let figures: ReportFigures | undefined;
  if (!report.figures) {
    // Computed as of the request (computedAt), with the op of the requester: verify does the same.
    const gatherOp = operation(actorOf(report), new Date(report.computedAt), report.id);
    const shown = throttled(progress);
    const input = await generator.input(gatherOp, requestOf(report), shown.report);
    await shown.settled();
    figures = generator.figures(input);
    const digest = digestOf(figures);
    const key = reportDocumentKeys.figures(report.id, digest);
    const json = canonicalJson(figures);
    await putDocument(key, json, "application/json");
    await setIf(
      reportKey(report.id),
      { figures: { key, digest, bytes: Buffer.byteLength(json) }, issuedAt: clock.now().toISOString() },
      { figures: null, state: "requested" },
    );
    report = await loadReport(report.id);
    // Another attempt pinned its figures first: the number goes with those.
    if (report.figures?.digest !== digest) figures = undefined;
  }
  if (report.state !== "requested") return report;
  const pinned = report.figures!;
  const number = await claimReportNumber(report.id);
  figures ??= await pinnedFigures(report.id, pinned);

  const renderable = {
    figures,
    number,
    issuedAt: report.issuedAt!,
    language: report.language,
    figuresDigest: pinned.digest,
  };
  const files = {
    pdf: { key: reportDocumentKeys.pdf(report.id, number), bytes: await generator.pdf(renderable) },
    csv: { key: reportDocumentKeys.csv(report.id, number), bytes: await generator.csv(figures, "comma") },
    csvSemicolon: {
      key: reportDocumentKeys.csvSemicolon(report.id, number),
      bytes: await generator.csv(figures, "semicolon"),
    },
  };
  await putDocument(files.pdf.key, files.pdf.bytes, "application/pdf");
  await putDocument(files.csv.key, files.csv.bytes, "text/csv; charset=utf-8");
  await putDocument(files.csvSemicolon.key, files.csvSemicolon.bytes, "text/csv; charset=utf-8");
  const stored = (file: { key: string; bytes: Uint8Array }) => ({
    key: file.key,
    sha256: sha256Of(file.bytes),
    bytes: file.bytes.byteLength,
  });
  const documents = {
    pdf: stored(files.pdf),
    csv: stored(files.csv),
    csvSemicolon: stored(files.csvSemicolon),
  };
  await putIfAbsent({ ...pdfDigestKey(documents.pdf.sha256), reportId: report.id, number });
  if (await setIf(reportKey(report.id), { state: "issued", documents }, { state: "requested", number }))
    countEvent("reportIssued");
  return loadReport(report.id);
}

/** The figures pinned on the record, read back and checked against their digest. */
export async function pinnedFigures(
  reportId: string,
  pinned: { key: string; digest: string },
): Promise<ReportFigures> {
  const bytes = await getDocument(pinned.key);
  if (!bytes) throw new CorruptDocument(pinned.key, "is missing", `report ${reportId}`);
  const figures = JSON.parse(Buffer.from(bytes).toString("utf8")) as ReportFigures;
  if (digestOf(figures) !== pinned.digest)
    throw new CorruptDocument(pinned.key, "does not have the digest recorded", `report ${reportId}`);
  return figures;
}

/** The steps after the record says issued: supersede the corrected report, record the audit events. */
async function afterIssue(report: ReportFields): Promise<void> {
  if (report.state === "requested" || !report.issuedAt || !report.number) return;
  // The issue's own operation: the same id and time on every attempt, so each event is written once.
  const op = operation(actorOf(report), new Date(report.issuedAt), `issue-${report.id}`);
  await appendAudit(op, {
    entityType: "report",
    entityId: report.id,
    action: "report.issued",
    regionId: report.regionId,
    once: "issued",
    after: { number: report.number, digests: report.documents, figures: report.figures?.digest },
    summary: `Report ${report.number} issued`,
  });
  if (!report.supersedes) return;
  const oldKey = reportKey(report.supersedes);
  await setIf(oldKey, { state: "superseded", supersededBy: report.id }, { state: "issued" });
  const old = await getItem(oldKey);
  if (!old || reportEntity.read(old).supersededBy !== report.id) return;
  await appendAudit(op, {
    entityType: "report",
    entityId: report.supersedes,
    action: "report.superseded",
    regionId: report.regionId,
    once: "superseded",
    step: "report.superseded",
    after: { supersededBy: report.id, by: report.number },
    summary: `Superseded by report ${report.number}`,
  });
}
