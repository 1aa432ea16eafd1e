/**
 * Claims on a candidate, a single-item conditional write (dynalite has no transactions): one claim
 * document per (supplier, candidate) lists its periods in each of the supplier's contracts and its FTE
 * periods. A new period is added with a version-checked write after checking overlap in its contract
 * and ≤ 1 FTE on any day across the contracts, so two racing submissions of the same candidate cannot
 * both pass; the same document gives the months counted before (maximum). One write claims both.
 * Since the document spans the supplier's contracts, it also gives the months counted before across the
 * supplier's contracts in the region, when the policy runs the counting maximum per candidate in the
 * region (each period notes its contract's region).
 */
import { Conflict, RuleViolation } from "../../domain/errors.js";
import { periodsOverlap } from "../../domain/sroi/months.js";
import {
  type CandidateClaim,
  type CandidatePeriod,
  type ContractPeriod,
  candidateClaimEntity,
  candidateClaimKey,
  type FteClaim,
  type FtePeriod,
  fteClaimEntity,
  fteClaimKey,
} from "../../entities/claims.js";
import type { Operation } from "../../operation.js";
import { batchGetItems } from "../../store/batch.js";
import type { Entity } from "../../store/entity.js";
import { getItem, type Item, type Key, putIfAbsent, updateVersioned } from "../../store/ops.js";
import { contractEntity, contractKey } from "../../entities/contract.js";
import type { CountingScope } from "./counting-scope.js";
import { fteAboveOne, fteExceededOn } from "./fte.js";
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

/**
 * The regions of the contracts whose periods in the candidate's claim were claimed before periods noted
 * their region (read once, kept in `memo` for the claim's write). Only needed per candidate in the region.
 */
async function regionsOfUnnotedPeriods(
  at: ClaimAt,
  scope: CountingScope,
  memo: ClaimMemo,
): Promise<Map<string, string>> {
  const regions = new Map<string, string>([[at.contractId, scope.regionId]]);
  if (!scope.perCandidateInRegion) return regions;
  const supplier = supplierClaim(at);
  const id = memoKey(supplier.key);
  if (!memo.has(id)) memo.set(id, await readClaim(supplier));
  const doc = memo.get(id) as SupplierClaim | undefined;
  const unnoted = [
    ...new Set((doc?.contractPeriods ?? []).filter((p) => !p.regionId).map((p) => p.contractId)),
  ].filter((c) => !regions.has(c));
  if (unnoted.length === 0) return regions;
  const items = await batchGetItems(unnoted.map(contractKey));
  for (const item of items)
    if (item) {
      const contract = contractEntity.read(item);
      regions.set(contract.id, contract.regionId);
    }
  return regions;
}

/** Entries of one candidate to claim, in order, with their reported months in ticks. */
export type CandidateRows = { entry: Entry; monthsTicks: number }[];

/** Where a candidate is claimed: a contract of a supplier. */
export type ClaimAt = Pick<Entry, "contractId" | "supplierId"> & { candidateRef: string };

type SupplierClaim = FteClaim;
/** A claim's periods, the legacy claim's copied in: what a write stores (without the version). */
export type ClaimState = Required<Omit<SupplierClaim, "version">>;

export const supplierClaim = (at: ClaimAt): Claim<SupplierClaim> => ({
  entity: fteClaimEntity,
  key: fteClaimKey(at.supplierId, at.candidateRef),
});
export const legacyClaim = (at: ClaimAt): Claim<CandidateClaim> => ({
  entity: candidateClaimEntity,
  key: candidateClaimKey(at.contractId, at.candidateRef),
});

/**
 * The supplier's claim as the contract sees it: with the legacy claim's periods copied in while the
 * contract is not adopted yet (and then adopted; written only with a change of the caller's).
 */
export function claimState(
  doc: SupplierClaim | undefined,
  contractId: string,
  legacy: CandidatePeriod[] | undefined,
): ClaimState {
  const contractPeriods = [...(doc?.contractPeriods ?? [])];
  const adopted = doc?.adopted ?? [];
  if (adopted.includes(contractId)) return { periods: [...(doc?.periods ?? [])], contractPeriods, adopted };
  for (const p of legacy ?? [])
    if (!contractPeriods.some((c) => c.entryId === p.entryId)) contractPeriods.push({ ...p, contractId });
  return { periods: [...(doc?.periods ?? [])], contractPeriods, adopted: [...adopted, contractId] };
}

/**
 * The legacy claim's periods in the contract, unless the supplier's claim adopted them: the legacy
 * document is marked `moved` first (version-checked), so nothing changes it after its periods are read.
 * Reads go through `memo` (a copy the caller read, kept for the write that follows).
 */
async function adoptLegacy(
  op: Operation,
  at: ClaimAt,
  memo: ClaimMemo,
): Promise<CandidatePeriod[] | undefined> {
  const supplier = supplierClaim(at);
  const id = memoKey(supplier.key);
  if (!memo.has(id)) memo.set(id, await readClaim(supplier));
  if ((memo.get(id) as SupplierClaim | undefined)?.adopted?.includes(at.contractId)) return undefined;
  const legacy = legacyClaim(at);
  const lid = memoKey(legacy.key);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = memo.has(lid) ? (memo.get(lid) as CandidateClaim | undefined) : await readClaim(legacy);
    memo.delete(lid);
    if (!doc) {
      memo.set(lid, undefined);
      return undefined;
    }
    if (doc.moved) {
      memo.set(lid, doc);
      return doc.periods;
    }
    try {
      const after = await updateVersioned<CandidateClaim>(legacy.key, doc.version, { moved: true }, op.opId);
      memo.set(lid, legacy.entity.read(after));
      return doc.periods;
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
    }
  }
  throw new Conflict("Too many concurrent changes for this candidate; retry the request.");
}

/**
 * Read → check → write of the candidate's claim across the supplier (the contract's legacy claim
 * adopted first), version-checked; `decide` gets the claim as the contract sees it.
 */
export async function withCandidateClaim<R>(
  op: Operation,
  at: ClaimAt,
  decide: (state: ClaimState) => { write: ClaimState | null; result: R },
  done: (doc: SupplierClaim) => boolean,
  memo: ClaimMemo = new Map(),
): Promise<R> {
  const legacy = await adoptLegacy(op, at, memo);
  return withClaim(
    supplierClaim(at),
    op,
    (doc) => decide(claimState(doc, at.contractId, legacy)),
    done,
    memo,
  );
}

/**
 * Claims entries of one candidate in one contract, in order, in one write: each checked against the
 * stored periods and the entries before it, as if claimed one at a time — no overlap in the contract,
 * and for employment ≤ 1 FTE on any day across the supplier's contracts. Returns, per entry, the months
 * of its block counted before it. A refusal names its entry (EntryClaimRefused), and nothing is claimed.
 */
export async function claimCandidatePeriods(
  op: Operation,
  rows: CandidateRows,
  prefix: string,
  scope: CountingScope,
  memo: ClaimMemo = new Map(),
): Promise<number[]> {
  const { contractId, supplierId, candidateRef } = rows[0]!.entry;
  const ref = candidateRef!;
  const regions = await regionsOfUnnotedPeriods({ contractId, supplierId, candidateRef: ref }, scope, memo);
  const inRegion = (p: ContractPeriod) => (p.regionId ?? regions.get(p.contractId)) === scope.regionId;
  return withCandidateClaim(
    op,
    { contractId, supplierId, candidateRef: ref },
    (state) => {
      const { contractPeriods, periods } = state;
      const before: number[] = [];
      let added = false;
      for (const { entry, monthsTicks } of rows) {
        const mine = contractPeriods.find((p) => p.entryId === entry.id);
        if (mine) {
          before.push(mine.monthsBeforeTicks);
          continue;
        }
        const active = contractPeriods.filter((p) => p.contractId === contractId && !p.released);
        const clash = active.find((p) => periodsOverlap(p.start, p.end, entry.startDate, entry.endDate));
        if (clash) throw new EntryClaimRefused(entry.id, candidateOverlap(ref, clash, prefix));
        if (entry.kind === "employment" && !periods.some((p) => p.entryId === entry.id)) {
          const fte: FtePeriod = {
            contractId,
            entryId: entry.id,
            start: entry.startDate,
            end: entry.endDate,
            fte: entry.fte!,
          };
          const day = fteExceededOn(
            periods.filter((p) => !p.released),
            fte,
          );
          if (day) throw new EntryClaimRefused(entry.id, fteAboveOne(ref, day, prefix));
          periods.push(fte);
        }
        const counting = scope.perCandidateInRegion
          ? contractPeriods.filter((p) => !p.released && inRegion(p))
          : active;
        const counted = counting
          .filter((p) => p.blockId === entry.blockId)
          .reduce((s, p) => s + p.monthsTicks, 0);
        contractPeriods.push({
          contractId,
          regionId: scope.regionId,
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
      return { write: added ? state : null, result: before };
    },
    (doc) => rows.every(({ entry }) => doc.contractPeriods?.some((p) => p.entryId === entry.id)),
    memo,
  );
}

/** Claims the candidate's period in the contract (and FTE); returns the block's months counted before. */
export async function claimCandidate(
  op: Operation,
  entry: Entry,
  monthsTicks: number,
  prefix: string,
  scope: CountingScope,
  memo?: ClaimMemo,
): Promise<number> {
  return (await claimCandidatePeriods(op, [{ entry, monthsTicks }], prefix, scope, memo))[0]!;
}

type Period = { entryId: string; released?: boolean };

/**
 * Rewrites the candidate's periods (in the contracts and FTE) while any is `pending` (still to change);
 * a retry finds none pending and writes nothing, so releasing or removing periods is idempotent.
 */
export const rewriteClaimPeriods = (
  op: Operation,
  at: ClaimAt,
  pending: (period: Period) => boolean,
  rewrite: <P extends Period>(periods: P[]) => P[],
  memo?: ClaimMemo,
) =>
  withCandidateClaim<void>(
    op,
    at,
    (state) =>
      state.contractPeriods.some(pending) || state.periods.some(pending)
        ? {
            write: {
              ...state,
              contractPeriods: rewrite(state.contractPeriods),
              periods: rewrite(state.periods),
            },
            result: undefined,
          }
        : { write: null, result: undefined },
    (doc) => !doc.periods.some(pending) && !(doc.contractPeriods ?? []).some(pending),
    memo,
  );

export async function releaseClaims(
  op: Operation,
  entry: Pick<Entry, "id" | "contractId" | "supplierId" | "candidateRef">,
) {
  if (!entry.candidateRef) return;
  await rewriteClaimPeriods(
    op,
    { ...entry, candidateRef: entry.candidateRef },
    (p) => p.entryId === entry.id && !p.released,
    (periods) => periods.map((p) => (p.entryId === entry.id ? { ...p, released: true } : p)),
  );
}
