/**
 * Claims on a candidate, each a single-item conditional write (dynalite has no transactions):
 * - one candidate in one contract: a claim document per (contract, candidate) lists its periods; a new
 *   period is added with a version-checked write after checking overlap, so two racing submissions of
 *   the same candidate cannot both pass. The same document gives the months counted before (maximum).
 * - one candidate across the supplier's contracts: a claim document per (supplier, candidate) keeps
 *   the FTE periods; the sum on any day stays ≤ 1 FTE.
 */
import { Conflict, RuleViolation } from "../../domain/errors.js";
import { cmp, sum } from "../../domain/exact.js";
import { periodsOverlap } from "../../domain/sroi/months.js";
import {
  type CandidatePeriod,
  candidateClaimEntity,
  candidateClaimKey,
  type FtePeriod,
  fteClaimEntity,
  fteClaimKey,
} from "../../entities/claims.js";
import type { Operation } from "../../operation.js";
import { batchGetItems } from "../../store/batch.js";
import type { Entity } from "../../store/entity.js";
import { getItem, type Item, type Key, putIfAbsent, updateVersioned } from "../../store/ops.js";
import type { Entry } from "./model.js";

const ATTEMPTS = 25;

/** A claim document: its entity and key. */
export interface Claim<T> {
  entity: Entity<T>;
  key: Key;
}

/** The stored claim document (checked against its entity), or undefined. */
export async function readClaim<T>({ entity, key }: Claim<T>): Promise<T | undefined> {
  const item = await getItem(key);
  return item ? entity.read(item) : undefined;
}

/**
 * Claim documents as one operation last read or wrote them, by key (undefined: none stored). A claim
 * whose document is here tries its conditional write on this copy before reading it again: a copy that
 * is no longer current fails the write's condition and costs one read, never a wrong claim.
 */
export type ClaimMemo = Map<string, unknown>;
const memoKey = (key: Key) => JSON.stringify([key.pk, key.sk]);

/** The stored claim documents of many claims in few calls (BatchGetItem), noted in `memo`. */
export async function readClaims<T>(claims: Claim<T>[], memo?: ClaimMemo): Promise<(T | undefined)[]> {
  const items = await batchGetItems(claims.map((c) => c.key));
  const docs = items.map((item, i) => (item ? claims[i]!.entity.read(item) : undefined));
  for (const [i, doc] of docs.entries()) memo?.set(memoKey(claims[i]!.key), doc);
  return docs;
}

/**
 * Read → check → write with the read version; a concurrent writer makes us re-read and re-check. With a
 * memo the first read may be its copy (and a refusal is only decided on a fresh read).
 */
export async function withClaim<T extends { version: number }, R>(
  claim: Claim<T>,
  op: Operation,
  decide: (doc: T | undefined) => { write: Omit<T, "version"> | null; result: R },
  done: (doc: T) => boolean,
  memo?: ClaimMemo,
): Promise<R> {
  const { key } = claim;
  const id = memoKey(key);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const copy = memo?.has(id) ?? false;
    const doc = copy ? (memo!.get(id) as T | undefined) : await readClaim(claim);
    // Whatever happens next, a copy is used once: the next attempt reads the stored document.
    memo?.delete(id);
    let decided: ReturnType<typeof decide>;
    try {
      decided = decide(doc);
    } catch (error) {
      if (copy) continue;
      throw error;
    }
    const { write, result } = decided;
    if (!write) {
      memo?.set(id, doc);
      return result;
    }
    if (!doc) {
      const created = { ...key, ...write, version: 1, lastOpId: op.opId } as Item;
      if (await putIfAbsent(created)) {
        memo?.set(id, claim.entity.read(created));
        return result;
      }
      continue;
    }
    try {
      const after = await updateVersioned<T>(key, doc.version, write as Record<string, unknown>, op.opId);
      if (done(after)) {
        memo?.set(id, claim.entity.read(after));
        return result;
      }
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
    }
    if (!copy) await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new Conflict("Too many concurrent changes for this candidate; retry the request.");
}

/** A claim refused for one of several entries claimed together: the refusal, naming that entry. */
export class EntryClaimRefused extends RuleViolation {
  constructor(
    readonly entryId: string,
    refusal: RuleViolation,
  ) {
    super(refusal.code, refusal.message, refusal.errors);
  }
}

const candidateOverlap = (ref: string, clash: CandidatePeriod, prefix: string) =>
  new RuleViolation(
    "candidate-overlap",
    `Candidate "${ref}" is already counted in this contract from ${clash.start} to ${clash.end}; one candidate cannot be counted twice over overlapping dates.`,
    [
      {
        path: prefix ? `${prefix}.candidateRef` : "candidateRef",
        message: "overlaps another entry of this candidate",
      },
    ],
  );

/** Entries of one candidate to claim, in order, with their reported months in ticks. */
export type CandidateRows = { entry: Entry; monthsTicks: number }[];

/**
 * Claims the candidate's periods in the contract for entries of one candidate, in order, in one write:
 * each is checked against the stored periods and the entries before it, as if claimed one at a time.
 * Returns, per entry, the months of its block counted before it. A refusal names its entry
 * (EntryClaimRefused), and nothing is claimed.
 */
export async function claimCandidatePeriods(
  op: Operation,
  rows: CandidateRows,
  prefix: string,
  memo?: ClaimMemo,
): Promise<number[]> {
  const { contractId, candidateRef } = rows[0]!.entry;
  const ref = candidateRef!;
  return withClaim(
    { entity: candidateClaimEntity, key: candidateClaimKey(contractId, ref) },
    op,
    (doc) => {
      const periods = [...(doc?.periods ?? [])];
      const before: number[] = [];
      let added = false;
      for (const { entry, monthsTicks } of rows) {
        const mine = periods.find((p) => p.entryId === entry.id);
        if (mine) {
          before.push(mine.monthsBeforeTicks);
          continue;
        }
        const active = periods.filter((p) => !p.released);
        const clash = active.find((p) => periodsOverlap(p.start, p.end, entry.startDate, entry.endDate));
        if (clash) throw new EntryClaimRefused(entry.id, candidateOverlap(ref, clash, prefix));
        const counted = active
          .filter((p) => p.blockId === entry.blockId)
          .reduce((s, p) => s + p.monthsTicks, 0);
        periods.push({
          entryId: entry.id,
          blockId: entry.blockId,
          start: entry.startDate,
          end: entry.endDate,
          monthsTicks,
          monthsBeforeTicks: counted,
        });
        before.push(counted);
        added = true;
      }
      return { write: added ? { periods } : null, result: before };
    },
    (doc) => rows.every(({ entry }) => doc.periods.some((p) => p.entryId === entry.id)),
    memo,
  );
}

/** Claims the candidate's period in the contract; returns the months of the same block counted before. */
export async function claimCandidate(
  op: Operation,
  entry: Entry,
  monthsTicks: number,
  prefix: string,
  memo?: ClaimMemo,
): Promise<number> {
  return (await claimCandidatePeriods(op, [{ entry, monthsTicks }], prefix, memo))[0]!;
}

export type FteSpan = Pick<FtePeriod, "start" | "end" | "fte">;

/** The first day on which `mine` and the active periods add up to more than 1 FTE, if any. */
export function fteExceededOn(active: FteSpan[], mine: FteSpan): string | undefined {
  // The daily sum is highest on some period's start day inside the new period.
  const days = [mine.start, ...active.map((p) => p.start).filter((d) => d >= mine.start && d <= mine.end)];
  return days.find(
    (day) =>
      cmp(sum([mine, ...active].filter((p) => p.start <= day && day <= p.end).map((p) => p.fte)), 1) > 0,
  );
}

export const fteAboveOne = (ref: string, day: string, prefix: string) =>
  new RuleViolation(
    "fte-above-one",
    `Candidate "${ref}" would work more than 1 FTE on ${day} across this supplier's contracts.`,
    [
      {
        path: prefix ? `${prefix}.fte` : "fte",
        message: "the candidate's FTE across contracts exceeds 1 on overlapping dates",
      },
    ],
  );

/**
 * Claims the FTE of employment entries of one candidate across the supplier's contracts, in order, in
 * one write: ≤ 1 FTE on every day, each entry checked as if claimed one at a time. A refusal names its
 * entry (EntryClaimRefused), and nothing is claimed.
 */
export async function claimFtePeriods(
  op: Operation,
  entries: Entry[],
  prefix: string,
  memo?: ClaimMemo,
): Promise<void> {
  const { supplierId, candidateRef } = entries[0]!;
  const ref = candidateRef!;
  await withClaim(
    { entity: fteClaimEntity, key: fteClaimKey(supplierId, ref) },
    op,
    (doc) => {
      const periods = [...(doc?.periods ?? [])];
      let added = false;
      for (const entry of entries) {
        if (periods.some((p) => p.entryId === entry.id)) continue;
        const mine: FtePeriod = {
          contractId: entry.contractId,
          entryId: entry.id,
          start: entry.startDate,
          end: entry.endDate,
          fte: entry.fte!,
        };
        const day = fteExceededOn(
          periods.filter((p) => !p.released),
          mine,
        );
        if (day) throw new EntryClaimRefused(entry.id, fteAboveOne(ref, day, prefix));
        periods.push(mine);
        added = true;
      }
      return { write: added ? { periods } : null, result: undefined };
    },
    (doc) => entries.every((entry) => doc.periods.some((p) => p.entryId === entry.id)),
    memo,
  );
}

/** Claims the candidate's FTE across the supplier's contracts: ≤ 1 FTE on every day. */
export async function claimFte(op: Operation, entry: Entry, prefix: string, memo?: ClaimMemo): Promise<void> {
  await claimFtePeriods(op, [entry], prefix, memo);
}

type ClaimPeriods = { periods: { entryId: string; released?: boolean }[]; version: number };

/**
 * Rewrites a claim's periods while any is `pending` (still to change); a retry finds none pending
 * and writes nothing, so releasing or removing periods is idempotent.
 */
export const rewriteClaimPeriods = <T extends ClaimPeriods>(
  op: Operation,
  claim: Claim<T>,
  pending: (period: T["periods"][number]) => boolean,
  rewrite: (periods: T["periods"]) => T["periods"],
  memo?: ClaimMemo,
) =>
  withClaim<T, void>(
    claim,
    op,
    (doc) =>
      doc?.periods.some(pending)
        ? { write: { periods: rewrite(doc.periods) } as Omit<T, "version">, result: undefined }
        : { write: null, result: undefined },
    (doc) => !doc.periods.some(pending),
    memo,
  );
export async function releaseClaims(
  op: Operation,
  entry: Pick<Entry, "id" | "contractId" | "supplierId" | "candidateRef" | "kind">,
) {
  if (!entry.candidateRef) return;
  const release = <T extends ClaimPeriods>(claim: Claim<T>) =>
    rewriteClaimPeriods(
      op,
      claim,
      (p) => p.entryId === entry.id && !p.released,
      (periods) => periods.map((p) => (p.entryId === entry.id ? { ...p, released: true } : p)),
    );
  await release({
    entity: candidateClaimEntity,
    key: candidateClaimKey(entry.contractId, entry.candidateRef),
  });
  if (entry.kind === "employment")
    await release({ entity: fteClaimEntity, key: fteClaimKey(entry.supplierId, entry.candidateRef) });
}
