/**
 * Report numbers without gaps or duplicates, with single-item conditional writes only.
 *
 * Items (lib/entities/report.ts): per region and year a claim item per sequence number, created with
 * attribute_not_exists and naming its report, and a counter `last` that only says where to start
 * looking. The report record holds its `candidate` sequence number before it tries to claim it, and its
 * `number` once it owns the claim. The year is fixed before any of this: `issuedAt` is written once,
 * with the figures the number is given to.
 *
 * Claiming, for report R (every step may be repeated by a retry or by a second delivery running
 * concurrently; R's record is re-read after any failed condition):
 *  1. no candidate yet: candidate := counter.last + 1 (write: only if R has no candidate);
 *  2. create claim(candidate) naming R; if it exists and names R, R owns it (a retry after the write);
 *  3. if it names another report: raise the counter to candidate, candidate := candidate + 1 (write:
 *     only if R's candidate is still the old one), back to 2;
 *  4. owning claim(c): number := c (write: only if R's candidate is c and it has no number), raise the
 *     counter to c.
 *
 * Why no gap: claim(c) is only ever created when claim(c − 1) exists (c = 1, or c − 1 was the counter,
 * which is raised to n only after claim(n) exists, or claim(c − 1) was just found taken), so the
 * claims are always 1…K. Every claim names a report whose candidate stays on it (R moves on only from a
 * claim naming another report), so that report's retries take that very number; a report's job is
 * retried until it issues (a dead-lettered job is redriven once the cause is fixed: its number waits).
 * Why no second number: R creates claims only at its current candidate, and leaves a candidate only
 * when its claim belongs to another report, so R owns at most one claim; a concurrent duplicate of R's
 * job follows the same candidate (the moves are compare-and-set) and finds R's claim as its own.
 * A crash anywhere leaves either no claim at the candidate (the retry creates it), R's claim (the retry
 * finds it), or the number written (the retry keeps it); a counter left behind only costs a few
 * failed claims to whoever starts from it next.
 */
import { issueYear, reportNumber } from "../domain/reports/numbering.js";
import {
  type ReportFields,
  reportCounterEntity,
  reportCounterKey,
  reportEntity,
  reportKey,
  reportNumberClaimEntity,
  reportNumberClaimKey,
} from "../entities/report.js";
import { getItem, putIfAbsent, setIf } from "../store/ops.js";

async function loadReport(id: string): Promise<ReportFields> {
  const item = await getItem(reportKey(id));
  if (!item) throw new Error(`Report ${id} vanished while being numbered`);
  return reportEntity.read(item);
}

/** Raises the counter of a series to at least `sequence` (never lowers it). */
async function raiseCounter(regionId: string, year: number, sequence: number): Promise<void> {
  const key = reportCounterKey(regionId, year);
  for (;;) {
    const item = await getItem(key);
    if (!item) {
      if (await putIfAbsent({ ...key, last: sequence })) return;
      continue;
    }
    const last = reportCounterEntity.read(item).last;
    if (last >= sequence || (await setIf(key, { last: sequence }, { last }))) return;
  }
}

async function counterOf(regionId: string, year: number): Promise<number> {
  const item = await getItem(reportCounterKey(regionId, year));
  return item ? reportCounterEntity.read(item).last : 0;
}

/** The report's number: the one it holds, or the next free one of its region and year of issue. */
export async function claimReportNumber(reportId: string): Promise<string> {
  let report = await loadReport(reportId);
  if (!report.issuedAt) throw new Error(`Report ${reportId} is numbered before its issue time is fixed`);
  const year = issueYear(new Date(report.issuedAt));
  const { regionId } = report;
  for (;;) {
    if (report.number) return report.number;
    const candidate = report.candidate;
    if (candidate === null) {
      const first = (await counterOf(regionId, year)) + 1;
      if (!(await setIf(reportKey(reportId), { candidate: first }, { candidate: null, number: null })))
        report = await loadReport(reportId);
      else report = { ...report, candidate: first };
      continue;
    }
    const claimKey = reportNumberClaimKey(regionId, year, candidate);
    const created = await putIfAbsent({ ...claimKey, reportId, sequence: candidate });
    const owner = created ? reportId : reportNumberClaimEntity.read(await getItem(claimKey)).reportId;
    if (owner !== reportId) {
      await raiseCounter(regionId, year, candidate);
      const moved = await setIf(
        reportKey(reportId),
        { candidate: candidate + 1 },
        { candidate, number: null },
      );
      report = moved ? { ...report, candidate: candidate + 1 } : await loadReport(reportId);
      continue;
    }
    const number = reportNumber(regionId, year, candidate);
    if (!(await setIf(reportKey(reportId), { number }, { candidate, number: null }))) {
      report = await loadReport(reportId);
      continue;
    }
    await raiseCounter(regionId, year, candidate);
    return number;
  }
}
