/**
 * Requesting a report: checks who may, writes the record and enqueues the job that issues it.
 */
import { appendAudit } from "../audit/audit.js";
import { Conflict, NotFound, RuleViolation } from "../domain/errors.js";
import { getStoredContract } from "../contracts/contract/access.js";
import { type ReportFields, reportEntity, reportIndexKeys, reportKey } from "../entities/report.js";
import { enqueueJob } from "../jobs/enqueue.js";
import type { Actor, Operation } from "../operation.js";
import { createOnce, getItem, setIf } from "../store/ops.js";
import { type ReportLanguage, type ReportRequest, reportGenerator } from "./generate.js";

export type Report = ReportFields;

export interface ReportRequestBody {
  period: { from: string; to: string };
  scope: ReportRequest["scope"];
  scopeId?: string | undefined;
  language?: ReportLanguage | undefined;
  supersedes?: string | undefined;
}

/** The requester, as the job acts on their behalf. */
export const actorOf = (report: Report): Actor => ({
  sub: report.requestedBy.sub,
  role: report.requestedBy.role,
  orgId: report.requestedBy.orgId,
  regionId: report.requestedBy.regionId ?? null,
});

export const requestOf = (report: Report): ReportRequest => ({
  regionId: report.regionId,
  scope: report.scope.kind,
  scopeId: report.scope.id,
  period: { from: report.period.from, to: report.period.to },
});

/**
 * Who may read a report: the region's auditors, the municipality and the supplier whose scope it is
 * (a contract's report: its buyer and its supplier), admins. Others: 404.
 */
export function canSeeReport(
  actor: Actor,
  report: Pick<Report, "regionId" | "buyerId" | "supplierId">,
): boolean {
  switch (actor.role) {
    case "admin":
      return true;
    case "auditor":
      return actor.regionId === report.regionId;
    case "officer":
      return actor.orgId === report.buyerId;
    case "supplier":
      return actor.orgId === report.supplierId;
  }
}

export async function loadReport(actor: Actor, id: string): Promise<Report> {
  const item = await getItem(reportKey(id));
  const report = item ? reportEntity.read(item) : undefined;
  if (!report || !canSeeReport(actor, report)) throw new NotFound("report");
  return report;
}

/** The municipality and the supplier whose scope it is: they see the report beside the region's auditors. */
async function audienceOf(
  request: ReportRequest,
): Promise<{ buyerId: string | null; supplierId: string | null }> {
  switch (request.scope) {
    case "region":
      return { buyerId: null, supplierId: null };
    case "municipality":
      return { buyerId: request.scopeId, supplierId: null };
    case "supplier":
      return { buyerId: null, supplierId: request.scopeId };
    case "contract": {
      const contract = await getStoredContract(request.scopeId!);
      if (!contract) throw new NotFound("contract");
      return { buyerId: contract.buyerId, supplierId: contract.supplierId };
    }
  }
}

/** A correction names the issued report it replaces: same region and scope, not replaced already. */
async function checkSupersedes(actor: Actor, request: ReportRequest, id: string): Promise<void> {
  const old = await loadReport(actor, id).catch((error: unknown) => {
    if (error instanceof NotFound)
      throw new RuleViolation("supersedes-unknown", "The report to supersede does not exist.", [
        { path: "body.supersedes", message: "no report with this id that you may see" },
      ]);
    throw error;
  });
  if (
    old.regionId !== request.regionId ||
    old.scope.kind !== request.scope ||
    old.scope.id !== request.scopeId
  )
    throw new RuleViolation(
      "supersedes-other-scope",
      "A correction covers the same region and scope as the report it supersedes.",
      [{ path: "body.supersedes", message: `report ${id} covers another region or scope` }],
    );
  if (old.state === "superseded")
    throw new Conflict(
      `Report ${old.number} is already superseded by ${old.supersededBy}.`,
      "report-superseded",
    );
  if (old.state !== "issued")
    throw new Conflict(
      `Report ${id} is not issued yet: only an issued report can be superseded.`,
      "report-not-issued",
    );
}

/**
 * One correction per report: the first request marks the old report with its id (a conditional write,
 * so of two requested at once one gets 409); the same request retried finds its own mark.
 */
async function claimCorrection(oldId: string, id: string): Promise<void> {
  if (await setIf(reportKey(oldId), { correction: id }, { correction: undefined })) return;
  const claimed = reportEntity.read((await getItem(reportKey(oldId)))!).correction;
  if (claimed !== id)
    throw new Conflict(
      `A correction of report ${oldId} is already requested: ${claimed}.`,
      "report-correction-requested",
    );
}

/** Writes the report's record (once per operation) and enqueues the job that issues it. */
export async function requestReport(
  op: Operation,
  regionId: string,
  body: ReportRequestBody,
): Promise<Report> {
  const request: ReportRequest = {
    regionId,
    scope: body.scope,
    scopeId: body.scope === "region" ? null : body.scopeId!,
    period: body.period,
  };
  const generator = await reportGenerator();
  await generator.authorize(op.actor, request);
  if (body.supersedes) await checkSupersedes(op.actor, request, body.supersedes);
  const id = op.id("report");
  if (body.supersedes) await claimCorrection(body.supersedes, id);
  const at = op.now.toISOString();
  const report: Report = {
    id,
    regionId,
    scope: { kind: request.scope, id: request.scopeId },
    period: { from: request.period.from, to: request.period.to },
    language: body.language ?? "nl",
    ...(await audienceOf(request)),
    state: "requested",
    requestedAt: at,
    requestedBy: {
      sub: op.actor.sub,
      role: op.actor.role,
      orgId: op.actor.orgId,
      regionId: op.actor.regionId,
    },
    computedAt: at,
    supersedes: body.supersedes ?? null,
    supersededBy: null,
    candidate: null,
    number: null,
    issuedAt: null,
    figures: null,
    documents: null,
    version: 1,
  };
  const stored = await createOnce(
    { ...reportKey(id), ...reportIndexKeys(report), ...report, lastOpId: op.opId },
    "The report",
  );
  await appendAudit(op, {
    entityType: "report",
    entityId: id,
    action: "report.requested",
    regionId,
    once: "requested",
    after: { scope: report.scope, period: report.period, supersedes: report.supersedes },
  });
  await enqueueJob(id, "report.issue", { reportId: id });
  return reportEntity.read(stored);
}
