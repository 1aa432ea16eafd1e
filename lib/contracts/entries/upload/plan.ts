/**
 * Step 1 of a bulk upload: every row validated and valued, nothing written.
 */
import { type FieldError, RuleViolation } from "../../../domain/errors.js";
import { make } from "../../../domain/exact.js";
import { sumsExactly } from "../../../domain/money.js";
import type { BlockKind } from "../../../domain/sroi/catalogue.js";
import { monthsToTicks, periodsOverlap, ticksToMonths } from "../../../domain/sroi/months.js";
import { QUANTITY_FIELD } from "../../../domain/sroi/line-checks.js";
import type { StoredBlockTotals, StoredTotals } from "../../../entities/totals.js";
import type { Operation } from "../../../operation.js";
import { rowErrors, rowPath, rowsInvalid } from "../../bulk.js";
import type { Contract } from "../../contract/model.js";
import { readTotals } from "../../totals/read.js";
import { type ClaimMemo, claimState, legacyClaim, readClaims, supplierClaim } from "../claims.js";
import { fteAboveOne, fteExceededOn, type FteSpan } from "../fte.js";
import type { Entry } from "../model.js";
import { type CatalogueMemo, prepareEntry } from "../prepare.js";
import { type ImportRow, type PlannedRow, uploadMarker } from "./model.js";
import { undoUpload } from "./write.js";

/** The planned rows, and the stored claims of their candidates as the plan read them. */
export interface Plan {
  planned: PlannedRow[];
  claims: ClaimMemo;
}

/** Step 1: every row validated and valued against the stored state and the rows before it; no writes. */
export async function planUpload(
  op: Operation,
  contract: Contract,
  rows: ImportRow[],
  ids: string[],
  column: (path: string) => string,
): Promise<Plan> {
  const errorsOf: FieldError[][] = rows.map((row) => (row.input ? [] : (row.errors ?? [])));
  const memo: CatalogueMemo = new Map();
  // Each row on its own first: schema-level rules, dates, its value without months counted before.
  const first: (Awaited<ReturnType<typeof prepareEntry>> | undefined)[] = [];
  for (const [i, row] of rows.entries()) {
    if (!row.input) continue;
    try {
      first[i] = await prepareEntry(op, contract, row.input, ids[i]!, "", make(0n), memo);
    } catch (error) {
      errorsOf[i] = rowErrors(row.row, error, column);
    }
  }
  const [claims, { main, blocks }] = await Promise.all([
    storedClaims(contract, rows, new Set(ids)),
    readTotals(contract.id),
  ]);
  // Then each row against the stored claims and the rows of its candidate before it, in file order.
  const planned: PlannedRow[] = [];
  const upperCents: number[] = [];
  const plannedOf = new Map<string, PlannedRow[]>();
  for (const [i, row] of rows.entries()) {
    const prepared = first[i];
    if (!prepared) continue;
    try {
      let entry = prepared.entry;
      let beforeTicks = 0;
      const ref = entry.candidateRef;
      if (ref && prepared.months) {
        beforeTicks = candidateBefore(entry, plannedOf.get(ref) ?? [], claims);
        if (beforeTicks > 0)
          entry = (
            await prepareEntry(op, contract, row.input!, ids[i]!, "", ticksToMonths(beforeTicks), memo)
          ).entry;
      }
      const p: PlannedRow = { row: row.row, input: row.input!, entry, months: prepared.months, beforeTicks };
      planned.push(p);
      if (ref) {
        const ofCandidate = plannedOf.get(ref);
        if (ofCandidate) ofCandidate.push(p);
        else plannedOf.set(ref, [p]);
      }
      // Counted months only lower a value: the first valuation bounds what the row can add to the totals.
      upperCents.push(prepared.entry.valueCents);
    } catch (error) {
      errorsOf[i] = rowErrors(row.row, error, column);
    }
  }
  const errors = errorsOf.flat();
  /** Whether an earlier try of this operation left claims or totals behind (a crash). */
  const leftovers = claims.leftovers || uploadMarker(op) in main;
  errors.push(...totalsOverflow(main, blocks, planned, upperCents, column));
  if (errors.length) {
    if (leftovers) await undoUpload(op, contract, rows, ids);
    throw rowsInvalid(errors, rows.length);
  }
  return { planned, claims: claims.memo };
}

/**
 * The stored claims of the file's candidates (across the supplier, and the contract's legacy claims),
 * read together (BatchGetItem) and kept in a memo for the claims of step 2; without this operation's
 * own periods (an earlier try's, noted as leftovers). A row refused before its valuation still has its
 * claims read: an earlier try may have claimed them.
 */
async function storedClaims(contract: Contract, rows: ImportRow[], ours: Set<string>) {
  const refs = [...new Set(rows.flatMap((row) => (row.input?.candidateRef ? [row.input.candidateRef] : [])))];
  const at = (candidateRef: string) => ({
    contractId: contract.id,
    supplierId: contract.supplierId,
    candidateRef,
  });
  const memo: ClaimMemo = new Map();
  const [docs, legacyDocs] = await Promise.all([
    readClaims(
      refs.map((ref) => supplierClaim(at(ref))),
      memo,
    ),
    readClaims(
      refs.map((ref) => legacyClaim(at(ref))),
      memo,
    ),
  ]);
  const states = new Map(
    refs.map((ref, i) => [ref, claimState(docs[i], contract.id, legacyDocs[i]?.periods)]),
  );
  const others = <P extends { entryId: string; released?: boolean }>(periods: P[]) =>
    periods.filter((p) => !p.released && !ours.has(p.entryId));
  const leftovers = [...states.values()].some((s) =>
    [...s.periods, ...s.contractPeriods].some((p) => ours.has(p.entryId)),
  );
  return {
    memo,
    leftovers,
    candidate: (ref: string) =>
      others(states.get(ref)?.contractPeriods.filter((p) => p.contractId === contract.id) ?? []),
    fte: (ref: string) => others(states.get(ref)?.periods ?? []),
  };
}

/**
 * Checks a row's candidate against the earlier rows of the candidate and the stored claims (no overlap
 * in the contract, ≤ 1 FTE across the supplier's contracts); returns the months of the block counted
 * before, in ticks.
 */
function candidateBefore(
  entry: Entry,
  earlier: PlannedRow[],
  claims: Awaited<ReturnType<typeof storedClaims>>,
): number {
  const ref = entry.candidateRef!;
  const overlaps = (start: string, end: string) => periodsOverlap(start, end, entry.startDate, entry.endDate);
  const inFile = earlier.find((p) => overlaps(p.entry.startDate, p.entry.endDate));
  if (inFile)
    throw new RuleViolation(
      "candidate-overlap",
      `Candidate "${ref}" is also counted in row ${inFile.row} of this file (${inFile.entry.startDate} to ${inFile.entry.endDate}); one candidate cannot be counted twice over overlapping dates.`,
      [{ path: "candidateRef", message: "overlaps another row of this candidate" }],
    );
  const stored = claims.candidate(ref);
  const clash = stored.find((p) => overlaps(p.start, p.end));
  if (clash)
    throw new RuleViolation(
      "candidate-overlap",
      `Candidate "${ref}" is already counted in this contract from ${clash.start} to ${clash.end}; one candidate cannot be counted twice over overlapping dates.`,
      [{ path: "candidateRef", message: "overlaps another entry of this candidate" }],
    );
  if (entry.kind === "employment") {
    const active: FteSpan[] = [
      ...claims.fte(ref),
      ...earlier
        .filter((p) => p.entry.kind === "employment")
        .map((p) => ({ start: p.entry.startDate, end: p.entry.endDate, fte: p.entry.fte! })),
    ];
    const day = fteExceededOn(active, { start: entry.startDate, end: entry.endDate, fte: entry.fte! });
    if (day) throw fteAboveOne(ref, day, "");
  }
  return (
    stored.filter((p) => p.blockId === entry.blockId).reduce((s, p) => s + p.monthsTicks, 0) +
    earlier
      .filter((p) => p.entry.blockId === entry.blockId && p.months)
      .reduce((s, p) => s + Number(monthsToTicks(p.months!)), 0)
  );
}

/** Rows that would carry a running total past what cents as exact integers can hold. */
function totalsOverflow(
  main: StoredTotals,
  blocks: StoredBlockTotals[],
  planned: PlannedRow[],
  upperCents: number[],
  column: (path: string) => string,
): FieldError[] {
  const errors: FieldError[] = [];
  const kept = [main.creditedCents ?? 0, main.pendingCents ?? 0, main.rejectedCents ?? 0];
  // What the rows so far add, in absolute cents: exact while it is a safe integer, and refused past it.
  let added = 0;
  const addedByBlock = new Map<string, number>();
  for (const [i, p] of planned.entries()) {
    added += Math.abs(upperCents[i]!);
    const inBlock = (addedByBlock.get(p.entry.blockId) ?? 0) + Math.abs(upperCents[i]!);
    addedByBlock.set(p.entry.blockId, inBlock);
    const block = blocks.find((b) => b.blockId === p.entry.blockId);
    const keptInBlock = [block?.creditedCents ?? 0, block?.pendingCents ?? 0];
    if (!sumsExactly([...kept, added]) || !sumsExactly([...keptInBlock, inBlock]))
      errors.push({
        path: rowPath(p.row, column(QUANTITY_FIELD[p.entry.kind as Exclude<BlockKind, "bonus">])),
        code: "totals-out-of-range",
        message: "with this row the contract's running totals would be too large to be kept exactly",
      });
  }
  return errors;
}
