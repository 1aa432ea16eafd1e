/**
 * Step 1 of a bulk upload: every row validated and valued, nothing written.
 */
import { type FieldError, RuleViolation } from "../../../domain/errors.js";
import { make } from "../../../domain/exact.js";
import { sumsExactly } from "../../../domain/money.js";
import type { BlockKind } from "../../../domain/sroi/catalogue.js";
import { monthsToTicks, periodsOverlap, ticksToMonths } from "../../../domain/sroi/months.js";
import { QUANTITY_FIELD } from "../../../domain/sroi/valuation.js";
import {
  type CandidateClaim,
  candidateClaimEntity,
  candidateClaimKey,
  type FteClaim,
  fteClaimEntity,
  fteClaimKey,
} from "../../../entities/claims.js";
import type { StoredBlockTotals, StoredTotals } from "../../../entities/totals.js";
import type { Operation } from "../../../operation.js";
import { rowErrors, rowPath, rowsInvalid } from "../../bulk.js";
import type { Contract } from "../../contract/model.js";
import { readTotals } from "../../totals/read.js";
import { fteAboveOne, fteExceededOn, type FteSpan, readClaim } from "../claims.js";
import type { Entry } from "../model.js";
import { type CatalogueMemo, prepareEntry } from "../prepare.js";
import { type ImportRow, type PlannedRow, uploadMarker } from "./model.js";
import { undoUpload } from "./write.js";

/** Step 1: every row validated and valued against the stored state and the rows before it; no writes. */
export async function planUpload(
  op: Operation,
  contract: Contract,
  rows: ImportRow[],
  ids: string[],
  column: (path: string) => string,
): Promise<PlannedRow[]> {
  const errors: FieldError[] = [];
  const memo: CatalogueMemo = new Map();
  const claims = storedClaims(contract, new Set(ids));
  const planned: PlannedRow[] = [];
  const upperCents: number[] = [];
  for (const [i, row] of rows.entries()) {
    if (!row.input) {
      errors.push(...(row.errors ?? []));
      continue;
    }
    try {
      const first = await prepareEntry(op, contract, row.input, ids[i]!, "", make(0n), memo);
      let entry = first.entry;
      let beforeTicks = 0;
      if (entry.candidateRef && first.months) {
        beforeTicks = await candidateBefore(entry, planned, claims);
        if (beforeTicks > 0)
          entry = (await prepareEntry(op, contract, row.input, ids[i]!, "", ticksToMonths(beforeTicks), memo))
            .entry;
      }
      planned.push({ row: row.row, input: row.input, entry, months: first.months, beforeTicks });
      // Counted months only lower a value: the first valuation bounds what the row can add to the totals.
      upperCents.push(first.entry.valueCents);
    } catch (error) {
      errors.push(...rowErrors(row.row, error, column));
    }
  }
  const { main, blocks } = await readTotals(contract.id);
  /** Whether an earlier try of this operation left claims or totals behind (a crash). */
  const leftovers = claims.leftovers() || uploadMarker(op) in main;
  errors.push(...totalsOverflow(main, blocks, planned, upperCents, column));
  if (errors.length) {
    if (leftovers) await undoUpload(op, contract, rows, ids);
    throw rowsInvalid(errors, rows.length);
  }
  return planned;
}

/**
 * The candidates' stored claims, each read once, without this operation's own periods (an earlier try's,
 * noted as leftovers).
 */
function storedClaims(contract: Contract, ours: Set<string>) {
  let leftovers = false;
  const claims = new Map<string, Promise<CandidateClaim | undefined>>();
  const fteClaims = new Map<string, Promise<FteClaim | undefined>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>) => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key)!;
  };
  const others = <P extends { entryId: string; released?: boolean }>(periods: P[]) => {
    leftovers ||= periods.some((p) => ours.has(p.entryId));
    return periods.filter((p) => !p.released && !ours.has(p.entryId));
  };
  return {
    leftovers: () => leftovers,
    candidate: async (ref: string) =>
      others(
        (
          await once(claims, ref, () =>
            readClaim({ entity: candidateClaimEntity, key: candidateClaimKey(contract.id, ref) }),
          )
        )?.periods ?? [],
      ),
    fte: async (ref: string) =>
      others(
        (
          await once(fteClaims, ref, () =>
            readClaim({ entity: fteClaimEntity, key: fteClaimKey(contract.supplierId, ref) }),
          )
        )?.periods ?? [],
      ),
  };
}

/**
 * Checks a row's candidate against the rows before it and the stored claims (no overlap in the contract,
 * ≤ 1 FTE across the supplier's contracts); returns the months of the block counted before, in ticks.
 */
async function candidateBefore(
  entry: Entry,
  planned: PlannedRow[],
  claims: ReturnType<typeof storedClaims>,
): Promise<number> {
  const ref = entry.candidateRef!;
  const earlier = planned.filter((p) => p.entry.candidateRef === ref);
  const overlaps = (start: string, end: string) => periodsOverlap(start, end, entry.startDate, entry.endDate);
  const inFile = earlier.find((p) => overlaps(p.entry.startDate, p.entry.endDate));
  if (inFile)
    throw new RuleViolation(
      "candidate-overlap",
      `Candidate "${ref}" is also counted in row ${inFile.row} of this file (${inFile.entry.startDate} to ${inFile.entry.endDate}); one candidate cannot be counted twice over overlapping dates.`,
      [{ path: "candidateRef", message: "overlaps another row of this candidate" }],
    );
  const stored = await claims.candidate(ref);
  const clash = stored.find((p) => overlaps(p.start, p.end));
  if (clash)
    throw new RuleViolation(
      "candidate-overlap",
      `Candidate "${ref}" is already counted in this contract from ${clash.start} to ${clash.end}; one candidate cannot be counted twice over overlapping dates.`,
      [{ path: "candidateRef", message: "overlaps another entry of this candidate" }],
    );
  if (entry.kind === "employment") {
    const active: FteSpan[] = [
      ...(await claims.fte(ref)),
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
  const added: number[] = [];
  const addedByBlock = new Map<string, number[]>();
  for (const [i, p] of planned.entries()) {
    added.push(upperCents[i]!);
    const inBlock = [...(addedByBlock.get(p.entry.blockId) ?? []), upperCents[i]!];
    addedByBlock.set(p.entry.blockId, inBlock);
    const block = blocks.find((b) => b.blockId === p.entry.blockId);
    const keptInBlock = [block?.creditedCents ?? 0, block?.pendingCents ?? 0];
    if (!sumsExactly([...kept, ...added]) || !sumsExactly([...keptInBlock, ...inBlock]))
      errors.push({
        path: rowPath(p.row, column(QUANTITY_FIELD[p.entry.kind as Exclude<BlockKind, "bonus">])),
        code: "totals-out-of-range",
        message: "with this row the contract's running totals would be too large to be kept exactly",
      });
  }
  return errors;
}
