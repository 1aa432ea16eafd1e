/**
 * Realisations (issue 4 §4-§6): the supplier's entries, their review, and the contract's running totals.
 *
 * Concurrency (dynalite: no transactions): every cross-item rule is a single-item conditional write.
 * - One candidate in one contract: a claim document per (contract, candidate) lists its periods; a new
 *   period is added with a version-checked write after checking overlap, so two racing submissions of
 *   the same candidate cannot both pass. The same document gives the months counted before (maximum).
 * - One candidate across the supplier's contracts: a claim document per (supplier, candidate) keeps
 *   the FTE periods; the sum on any day stays ≤ 1 FTE.
 * - Running totals (TOTALS, TOTALS#BLOCK#<id>) change only with atomic ADD, never a version check, so
 *   concurrent submissions all succeed. Each operation first raises an in-flight marker on TOTALS
 *   (inFlight +1, inFlightSince = when) and lowers it in the same write that applies its deltas; while
 *   it is up the balance says its totals are unverified (never a wrong figure shown as valid). Everything
 *   that can fail is computed before the marker goes up; a step that fails after it is undone with its
 *   exact inverse (see changeTotals). A marker left by a crash is repaired from the entries by the next
 *   read or write once it is older than STALE_MARKER_MS (see repairIfStale).
 * - Entries are append-only; a review is a conditional write (status = submitted), so an entry is
 *   reviewed once and an accepted entry never changes (a correction is a new reversing entry).
 */
import { appendAudit, auditRecorded } from "../audit/audit.js";
import {
  Conflict,
  type FieldError,
  Forbidden,
  InvalidInput,
  NotFound,
  RuleViolation,
} from "../domain/errors.js";
import { cmp, make, mul, neg, type Ratio, ratio, sum } from "../domain/exact.js";
import {
  type Cents,
  centsFromMoney,
  formatEuros,
  type Money,
  sumsExactly,
  toMoney,
} from "../domain/money.js";
import {
  type BalanceEntry,
  type BlockBreakdown,
  byTargetGroup,
  compareTotals,
  computeBalance,
  type EntryTotals,
  totalsFromEntries,
  twoDecimals,
} from "../domain/sroi/balance.js";
import { refuseBsn } from "../domain/sroi/bsn.js";
import { type BlockKind, catalogueInForce, findBlock } from "../domain/sroi/catalogue.js";
import {
  daysInMonth,
  MONTH_TICKS,
  monthsBetween,
  monthsToTicks,
  parseRatio,
  periodsOverlap,
  ratioText,
  ticksToMonths,
} from "../domain/sroi/months.js";
import { QUANTITY_FIELD, valuateExact } from "../domain/sroi/valuation.js";
import { withArticle } from "../domain/words.js";
import type { Actor, Operation } from "../operation.js";
import {
  addCounters,
  addCountersIf,
  addCountersOnce,
  deleteIf,
  getItem,
  type Item,
  type Page,
  publicFields,
  putIfAbsent,
  queryAll,
  queryPage,
  setIf,
  updateVersioned,
} from "../store/ops.js";
import { logLeftover, rowErrors, rowPath, rowsInvalid } from "./bulk.js";
import { type Contract, loadContract } from "./contracts.js";
import { blockTotalsKey, candidateClaimKey, entryKey, fteClaimKey, personKey, totalsKey } from "./keys.js";
import { joinReviewQueue, leaveReviewQueue } from "./review-queue.js";
import { catalogueVersions, requireCatalogue, type StoredCatalogue } from "./rules.js";

export type EntryStatus = "submitted" | "accepted" | "rejected";

export interface Invoice {
  invoiceNumber: string;
  date: string;
  amountCents: Cents;
  vendorKvk: string;
  vendorQualification: "sw-company" | "pso-30plus" | "social-enterprise";
}

export interface Entry {
  id: string;
  contractId: string;
  supplierId: string;
  status: EntryStatus;
  blockId: string;
  kind: BlockKind;
  targetGroup: string | null;
  catalogue: { id: string; version: string };
  candidateRef: string | null;
  startDate: string;
  endDate: string;
  fte: number | null;
  hours: number | null;
  units: number | null;
  invoice: Invoice | null;
  bonuses: string[];
  evidence: string[];
  period: string;
  note?: string;
  /** Exact months as text ("165/31"); counted ≤ the block's maximum for this candidate. */
  reportedMonths: string | null;
  countedMonths: string | null;
  valueCents: Cents;
  formula: string;
  /** Set on a reversing (correcting) entry: the accepted entry it cancels. */
  reverses: string | null;
  submittedAt: string;
  submittedBy: string;
  submittedByOrg: string;
  review: {
    decision: "accept" | "reject";
    reason: string;
    at: string;
    by: string;
    role: string;
    orgId: string;
  } | null;
  /** "pending" until this entry's deltas are in the running totals. */
  totals: "pending" | "applied";
}

export interface EntryInput {
  blockId: string;
  candidateRef?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  fte?: number | undefined;
  hours?: number | undefined;
  units?: number | undefined;
  invoice?:
    | {
        invoiceNumber: string;
        date: string;
        amount: Money;
        vendorKvk: string;
        vendorQualification: Invoice["vendorQualification"];
      }
    | undefined;
  bonuses?: string[] | undefined;
  evidence?: string[] | undefined;
  period: string;
  note?: string | undefined;
}

const PERSON_KINDS: BlockKind[] = ["employment", "placement", "apprenticeship"];
const FTE_SCALE = 10_000n;
const DAY = 86_400_000;

/** Rows per CSV upload: all rows are validated before any is written, within one Lambda invocation. */
export const MAX_CSV_ROWS = 500;

/**
 * The largest value of one entry (EUR 1 billion), far above any real realisation. It keeps every stored
 * figure a safe integer: the running totals of 90,000 such entries still are.
 */
export const MAX_ENTRY_CENTS = 100_000_000_000;

/** The field that carries an entry's size, per kind: where a value out of range is reported. */
const SIZE_FIELD: Record<Exclude<BlockKind, "bonus">, string> = {
  employment: "fte",
  placement: "endDate",
  apprenticeship: "endDate",
  hours: "hours",
  purchase: "invoice.amount",
  fixed: "units",
};

const fail = (errors: FieldError[]) => new InvalidInput(errors);

function periodRange(label: string): { from: string; to: string } {
  const year = Number(label.slice(0, 4));
  const part = label.slice(5);
  const month = (m: number) => `${year}-${String(m).padStart(2, "0")}`;
  const last = (m: number) => `${month(m)}-${daysInMonth(year, m)}`;
  const first = (m: number) => `${month(m)}-01`;
  if (!part) return { from: first(1), to: last(12) };
  if (part === "H1") return { from: first(1), to: last(6) };
  if (part === "H2") return { from: first(7), to: last(12) };
  if (part.startsWith("Q")) {
    const q = Number(part.slice(1));
    return { from: first(q * 3 - 2), to: last(q * 3) };
  }
  const m = Number(part);
  return { from: first(m), to: last(m) };
}

interface Prepared {
  entry: Entry;
  months: Ratio | null;
}

/**
 * Per-call memo of catalogue reads: a bulk upload reads the award version, or each catalogue's versions,
 * once (not once per row and again for its re-valuation).
 */
type CatalogueMemo = Map<string, Promise<StoredCatalogue | StoredCatalogue[]>>;

function memoized<T extends StoredCatalogue | StoredCatalogue[]>(
  memo: CatalogueMemo,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let found = memo.get(key);
  if (!found) {
    found = load();
    memo.set(key, found);
  }
  return found as Promise<T>;
}

/** The catalogue version that values an entry: the award's, or the one in force on `date`. */
async function entryCatalogue(
  memo: CatalogueMemo,
  contract: Contract,
  date: string,
): Promise<StoredCatalogue> {
  if (contract.policy.valuationDate === "award-date") {
    const { id, version } = contract.awardCatalogue;
    return memoized(memo, `award#${id}#${version}`, () => requireCatalogue(id, version));
  }
  const id = contract.policy.catalogueId;
  const found = catalogueInForce(await memoized(memo, `versions#${id}`, () => catalogueVersions(id)), date);
  if (!found)
    throw new InvalidInput([
      { path: "startDate", message: `no version of catalogue ${id} is in force on ${date}` },
    ]);
  return found;
}

/**
 * Validates one entry against the contract and its rules without writing: schema-level rules (400),
 * BSN, dates and period (422). Valuation happens here with the months counted so far (`monthsBefore`).
 */
async function prepareEntry(
  op: Operation,
  contract: Contract,
  input: EntryInput,
  entryId: string,
  prefix: string,
  monthsBefore: Ratio = make(0n),
  memo: CatalogueMemo = new Map(),
): Promise<Prepared> {
  const p = (s: string) => (prefix ? `${prefix}.${s}` : s);
  refuseBsn({
    [p("candidateRef")]: input.candidateRef,
    [p("note")]: input.note,
    ...Object.fromEntries((input.evidence ?? []).map((e, i) => [p(`evidence.${i}`), e])),
  });
  const startForCatalogue = input.startDate ?? input.invoice?.date ?? contract.startDate;
  const catalogue = await entryCatalogue(memo, contract, startForCatalogue);
  const block = findBlock(catalogue, input.blockId);
  if (!block || block.kind === "bonus")
    throw fail([
      {
        path: p("blockId"),
        message: `no block "${input.blockId}" to report in catalogue ${catalogue.id} ${catalogue.version}`,
      },
    ]);
  const errors: FieldError[] = [];
  const person = PERSON_KINDS.includes(block.kind);
  if (person && !input.candidateRef)
    errors.push({ path: p("candidateRef"), message: `required for ${withArticle(block.kind)} block` });
  if (!person && input.candidateRef)
    errors.push({ path: p("candidateRef"), message: `not taken by ${withArticle(block.kind)} block` });
  if (block.kind === "purchase") {
    if (input.startDate || input.endDate)
      errors.push({ path: p("startDate"), message: "a purchase is dated by its invoice" });
  } else {
    if (!input.startDate) errors.push({ path: p("startDate"), message: "required" });
    if (!input.endDate) errors.push({ path: p("endDate"), message: "required" });
    if (input.invoice)
      errors.push({ path: p("invoice"), message: `not taken by ${withArticle(block.kind)} block` });
  }
  if (input.fte !== undefined && ratio(input.fte).d > FTE_SCALE)
    errors.push({ path: p("fte"), message: "at most 4 decimals" });
  if (errors.length) throw fail(errors);
  const startDate = input.startDate ?? input.invoice!.date;
  const endDate = input.endDate ?? input.invoice!.date;
  if (endDate < startDate) throw fail([{ path: p("endDate"), message: "before the start date" }]);
  const months = person ? monthsBetween(startDate, endDate) : null;
  const valueOrRemap = (lines: Parameters<typeof valuateExact>[1]) => {
    try {
      return valuateExact(catalogue, lines, "#");
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      throw fail(error.errors.map((e) => ({ ...e, path: p(e.path.replace(/^#\.0\./, "")) })));
    }
  };
  const valued = valueOrRemap([
    {
      blockId: block.id,
      ...(input.fte !== undefined ? { fte: input.fte } : {}),
      ...(months ? { months } : {}),
      ...(input.hours !== undefined ? { hours: input.hours } : {}),
      ...(input.units !== undefined ? { units: input.units } : {}),
      ...(input.invoice ? { invoiceCents: centsFromMoney(input.invoice.amount) } : {}),
      ...(input.bonuses ? { bonuses: input.bonuses } : {}),
      monthsBefore,
    },
  ]);
  // Rules that refuse a well-formed entry: 422 with the reason.
  const today = op.now.toISOString().slice(0, 10);
  if (startDate < contract.startDate || endDate > contract.endDate)
    throw new RuleViolation(
      "outside-contract-period",
      `The activity (${startDate} to ${endDate}) lies outside the contract period ${contract.startDate} to ${contract.endDate}.`,
      [{ path: p(input.startDate ? "startDate" : "invoice.date"), message: "outside the contract period" }],
    );
  if (endDate > today)
    throw new RuleViolation(
      "activity-in-future",
      `Report realised activities only; ${endDate} is after today.`,
      [{ path: p("endDate"), message: "in the future" }],
    );
  const range = periodRange(input.period);
  if (!periodsOverlap(startDate, endDate, range.from, range.to))
    throw new RuleViolation(
      "period-mismatch",
      `The activity does not fall in the reporting period ${input.period} (${range.from} to ${range.to}).`,
      [{ path: p("period"), message: "does not overlap the activity" }],
    );
  const line = valued.lines[0]!;
  if (!(Math.abs(line.valueCents) <= MAX_ENTRY_CENTS))
    throw fail([
      {
        path: p(SIZE_FIELD[block.kind]),
        code: "out-of-range",
        message: `the entry's value exceeds the maximum of EUR ${formatEuros(MAX_ENTRY_CENTS)}`,
      },
    ]);
  const entry: Entry = {
    id: entryId,
    contractId: contract.id,
    supplierId: contract.supplierId,
    status: "submitted",
    blockId: block.id,
    kind: block.kind,
    targetGroup: block.targetGroup ?? null,
    catalogue: valued.catalogue,
    candidateRef: input.candidateRef ?? null,
    startDate,
    endDate,
    fte: input.fte ?? null,
    hours: input.hours ?? null,
    units: input.units ?? null,
    invoice: input.invoice
      ? {
          invoiceNumber: input.invoice.invoiceNumber,
          date: input.invoice.date,
          amountCents: centsFromMoney(input.invoice.amount),
          vendorKvk: input.invoice.vendorKvk,
          vendorQualification: input.invoice.vendorQualification,
        }
      : null,
    bonuses: input.bonuses ?? [],
    evidence: input.evidence ?? [],
    period: input.period,
    ...(input.note ? { note: input.note } : {}),
    reportedMonths: line.reportedMonthsExact ? ratioText(line.reportedMonthsExact) : null,
    countedMonths: line.countedMonthsExact ? ratioText(line.countedMonthsExact) : null,
    valueCents: line.valueCents,
    formula: line.formula,
    reverses: null,
    submittedAt: op.now.toISOString(),
    submittedBy: op.actor.sub,
    submittedByOrg: op.actor.orgId,
    review: null,
    totals: "pending",
  };
  return { entry, months };
}

// ---------- claims (single-item conditional writes) ----------

interface CandidatePeriod {
  entryId: string;
  blockId: string;
  start: string;
  end: string;
  monthsTicks: number;
  monthsBeforeTicks: number;
  released?: boolean;
}
interface CandidateClaim {
  periods: CandidatePeriod[];
  version: number;
}
interface FtePeriod {
  contractId: string;
  entryId: string;
  start: string;
  end: string;
  fte: number;
  released?: boolean;
}
interface FteClaim {
  periods: FtePeriod[];
  version: number;
}

const ATTEMPTS = 25;

/** Read → check → write with the read version; a concurrent writer makes us re-read and re-check. */
async function withClaim<T extends { version: number }, R>(
  key: { pk: string; sk: string },
  op: Operation,
  decide: (doc: T | undefined) => { write: Omit<T, "version"> | null; result: R },
  done: (doc: T) => boolean,
): Promise<R> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = await getItem<T>(key);
    const { write, result } = decide(doc);
    if (!write) return result;
    if (!doc) {
      if (await putIfAbsent({ ...key, ...write, version: 1, lastOpId: op.opId } as Item)) return result;
      continue;
    }
    try {
      const after = await updateVersioned<T>(key, doc.version, write as Record<string, unknown>, op.opId);
      if (done(after)) return result;
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
    }
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new Conflict("Too many concurrent changes for this candidate; retry the request.");
}

/** Claims the candidate's period in the contract; returns the months of the same block counted before. */
async function claimCandidate(
  op: Operation,
  entry: Entry,
  monthsTicks: number,
  prefix: string,
): Promise<number> {
  const ref = entry.candidateRef!;
  return withClaim<CandidateClaim, number>(
    candidateClaimKey(entry.contractId, ref),
    op,
    (doc) => {
      const periods = doc?.periods ?? [];
      const mine = periods.find((p) => p.entryId === entry.id);
      if (mine) return { write: null, result: mine.monthsBeforeTicks };
      const active = periods.filter((p) => !p.released);
      const clash = active.find((p) => periodsOverlap(p.start, p.end, entry.startDate, entry.endDate));
      if (clash)
        throw new RuleViolation(
          "candidate-overlap",
          `Candidate "${ref}" is already counted in this contract from ${clash.start} to ${clash.end}; one candidate cannot be counted twice over overlapping dates.`,
          [
            {
              path: prefix ? `${prefix}.candidateRef` : "candidateRef",
              message: "overlaps another entry of this candidate",
            },
          ],
        );
      const before = active.filter((p) => p.blockId === entry.blockId).reduce((s, p) => s + p.monthsTicks, 0);
      const period: CandidatePeriod = {
        entryId: entry.id,
        blockId: entry.blockId,
        start: entry.startDate,
        end: entry.endDate,
        monthsTicks,
        monthsBeforeTicks: before,
      };
      return { write: { periods: [...periods, period] }, result: before };
    },
    (doc) => doc.periods.some((p) => p.entryId === entry.id),
  );
}

type FteSpan = Pick<FtePeriod, "start" | "end" | "fte">;

/** The first day on which `mine` and the active periods add up to more than 1 FTE, if any. */
function fteExceededOn(active: FteSpan[], mine: FteSpan): string | undefined {
  // The daily sum is highest on some period's start day inside the new period.
  const days = [mine.start, ...active.map((p) => p.start).filter((d) => d >= mine.start && d <= mine.end)];
  return days.find(
    (day) =>
      cmp(sum([mine, ...active].filter((p) => p.start <= day && day <= p.end).map((p) => p.fte)), 1) > 0,
  );
}

const fteAboveOne = (ref: string, day: string, prefix: string) =>
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

/** Claims the candidate's FTE across the supplier's contracts: ≤ 1 FTE on every day. */
async function claimFte(op: Operation, entry: Entry, prefix: string): Promise<void> {
  const ref = entry.candidateRef!;
  await withClaim<FteClaim, void>(
    fteClaimKey(entry.supplierId, ref),
    op,
    (doc) => {
      const periods = doc?.periods ?? [];
      if (periods.some((p) => p.entryId === entry.id)) return { write: null, result: undefined };
      const active = periods.filter((p) => !p.released);
      const mine: FtePeriod = {
        contractId: entry.contractId,
        entryId: entry.id,
        start: entry.startDate,
        end: entry.endDate,
        fte: entry.fte!,
      };
      const day = fteExceededOn(active, mine);
      if (day) throw fteAboveOne(ref, day, prefix);
      return { write: { periods: [...periods, mine] }, result: undefined };
    },
    (doc) => doc.periods.some((p) => p.entryId === entry.id),
  );
}

async function releaseClaims(
  op: Operation,
  entry: Pick<Entry, "id" | "contractId" | "supplierId" | "candidateRef" | "kind">,
) {
  if (!entry.candidateRef) return;
  const release = <T extends { periods: { entryId: string; released?: boolean }[]; version: number }>(key: {
    pk: string;
    sk: string;
  }) =>
    withClaim<T, void>(
      key,
      op,
      (doc) => {
        if (!doc?.periods.some((p) => p.entryId === entry.id && !p.released))
          return { write: null, result: undefined };
        return {
          write: {
            periods: doc.periods.map((p) => (p.entryId === entry.id ? { ...p, released: true } : p)),
          } as Omit<T, "version">,
          result: undefined,
        };
      },
      (doc) => doc.periods.every((p) => p.entryId !== entry.id || p.released),
    );
  await release<CandidateClaim>(candidateClaimKey(entry.contractId, entry.candidateRef));
  if (entry.kind === "employment") await release<FteClaim>(fteClaimKey(entry.supplierId, entry.candidateRef));
}

// ---------- running totals ----------

const ticksOf = (text: string | null): bigint => (text ? monthsToTicks(parseRatio(text)) : 0n);

/** Deltas of an entry's acceptance for its block row (months in ticks, FTE-years in FTE×10⁴×ticks). */
function acceptedBlockDeltas(entry: Entry): Record<string, number> {
  const counted = ticksOf(entry.countedMonths);
  const fteUnits = entry.fte === null ? 0n : (ratio(entry.fte).n * FTE_SCALE) / ratio(entry.fte).d;
  return {
    creditedCents: entry.valueCents,
    pendingCents: -entry.valueCents,
    reportedTicks: Number(ticksOf(entry.reportedMonths)),
    countedTicks: Number(counted),
    fteUnits: Number(fteUnits * counted),
  };
}

const blockMeta = (entry: Entry) => ({
  blockId: entry.blockId,
  kind: entry.kind,
  targetGroup: entry.targetGroup,
});

/** A candidate counts as a person while its net accepted months are positive: +1 or -1 when that changes. */
function personsCrossing(marker: Record<string, unknown>, delta: number): number {
  const now = Number(marker.monthsTicks ?? 0);
  const before = now - delta;
  if (before <= 0 && now > 0) return 1;
  if (before > 0 && now <= 0) return -1;
  return 0;
}

/**
 * Every write to the TOTALS row also ADDs 1 to `writes`, so the recompute can tell whether the row moved
 * between its reads and its repair.
 */
const addTotals = (contractId: string, deltas: Record<string, number>, set: Record<string, unknown> = {}) =>
  addCounters(totalsKey(contractId), { ...deltas, writes: 1 }, set);

/**
 * A marker raised longer ago than this belongs to an operation that died: no function runs longer than
 * 28 s, and a retry takes over an Idempotency-Key only after 30 s (IN_PROGRESS_EXPIRY_MS). The next read
 * or write of the contract then repairs the totals from the entries.
 */
export const STALE_MARKER_MS = 60_000;

/**
 * Submissions and rejections never change the credited total, so their markers do not hold up a
 * settlement: they also count in `pendingOnlyInFlight`.
 */
type MarkerKind = "pending-only" | "credit";

const markerDeltas = (kind: MarkerKind, sign: 1 | -1): Record<string, number> => ({
  inFlight: sign,
  ...(kind === "pending-only" ? { pendingOnlyInFlight: sign } : {}),
});

const negated = (deltas: Record<string, number>) =>
  Object.fromEntries(Object.entries(deltas).map(([k, v]) => [k, -v]));

/** Counter deltas are checked before any write: a figure that is not a safe integer cannot be stored. */
function requireSafe(...deltas: Record<string, number>[]) {
  for (const d of deltas)
    for (const [field, value] of Object.entries(d))
      if (!Number.isSafeInteger(value)) throw new RangeError(`${field} delta ${value} is not a safe integer`);
}

/** A write that failed this way may still have been applied: a server fault, a timeout, a dropped connection. */
function outcomeUnknown(error: unknown): boolean {
  const e = error as { $fault?: string; name?: string; code?: string } | null;
  return (
    e?.$fault === "server" ||
    ["InternalServerError", "ServiceUnavailable", "TimeoutError", "RequestTimeout", "AbortError"].includes(
      e?.name ?? "",
    ) ||
    ["ECONNRESET", "ETIMEDOUT", "EPIPE"].includes(e?.code ?? "")
  );
}

interface Step {
  run: () => Promise<unknown>;
  /** The exact inverse of `run`; absent for the last step, which is never undone. */
  undo?: () => Promise<unknown>;
}

/**
 * One change of the running totals: raises the in-flight marker, runs `before`, applies `totals` in the
 * write that lowers the marker, then `after`. When a step fails with an error that says it did not
 * apply, the steps done are undone in reverse order (undoing the TOTALS write raises the marker again)
 * and the marker is lowered: the request fails and leaves the totals as they were, verified. When the
 * outcome is unknown the marker stays up, and the stale-marker repair recomputes the totals.
 */
async function changeTotals(
  op: Operation,
  contractId: string,
  kind: MarkerKind,
  change: { before: Step[]; totals: Record<string, number>; after: Step[] },
): Promise<void> {
  await addTotals(contractId, markerDeltas(kind, 1), { inFlightSince: op.wallClock().toISOString() });
  const undo: (() => Promise<unknown>)[] = [() => addTotals(contractId, markerDeltas(kind, -1))];
  const totalsStep: Step = {
    run: () =>
      addTotals(
        contractId,
        { ...change.totals, ...markerDeltas(kind, -1) },
        { updatedAt: op.now.toISOString() },
      ),
    undo: () => addTotals(contractId, { ...negated(change.totals), ...markerDeltas(kind, 1) }),
  };
  try {
    for (const step of [...change.before, totalsStep, ...change.after]) {
      await step.run();
      if (step.undo) undo.push(step.undo);
    }
  } catch (error) {
    if (outcomeUnknown(error)) throw error;
    try {
      for (const step of undo.reverse()) await step();
    } catch (undoError) {
      // The marker stays up; the stale-marker repair finishes the job. The caller sees the first error.
      console.error(
        JSON.stringify({
          level: "error",
          message: "undo of a totals change failed",
          contractId,
          error: String(undoError),
        }),
      );
    }
    throw error;
  }
}

/** Writes an entry once and adds it to the running totals; a retry of the same operation gets it back. */
async function writeEntry(op: Operation, entry: Entry): Promise<Entry> {
  const key = entryKey(entry.contractId, entry.id);
  const existing = await getItem<Entry & { lastOpId?: string }>(key);
  if (existing) {
    // Another operation wrote this id (e.g. a concurrent reversal of the same entry): not ours.
    if (existing.lastOpId !== op.opId)
      throw new Conflict(
        entry.reverses ? "This entry already has a reversal." : "This entry already exists.",
      );
    // Ours. Totals still "pending" means an attempt died after writing it: the stale-marker repair counts it.
    return publicFields<Entry>(existing);
  }
  const block = { pendingCents: entry.valueCents };
  const totals = { pendingCents: entry.valueCents, submittedCount: 1 };
  requireSafe(block, totals);
  const blockKey = blockTotalsKey(entry.contractId, entry.blockId);
  await changeTotals(op, entry.contractId, "pending-only", {
    before: [
      {
        run: async () => {
          if (!(await putIfAbsent({ ...key, lastOpId: op.opId, ...entry })))
            throw new Conflict(
              entry.reverses ? "This entry already has a reversal." : "This entry already exists.",
            );
        },
        // Unless a review got to it meanwhile: then the marker stays up for the repair.
        undo: async () => {
          if (!(await deleteIf(key, { lastOpId: op.opId, totals: "pending", status: "submitted" })))
            throw new Conflict("The entry changed while its submission was undone.");
        },
      },
      {
        run: () => addCounters(blockKey, block, blockMeta(entry)),
        undo: () => addCounters(blockKey, negated(block)),
      },
    ],
    totals,
    after: [{ run: () => markApplied(entry) }],
  });
  return { ...entry, totals: "applied" };
}

async function markApplied(entry: Entry) {
  await setIf(entryKey(entry.contractId, entry.id), { totals: "applied" });
}

// ---------- use cases ----------

const requireSupplier = (op: Operation, contract: Contract) => {
  if (op.actor.role !== "supplier" || op.actor.orgId !== contract.supplierId)
    throw new Forbidden("Only the contract's supplier reports realisations.");
  if (contract.settlement)
    throw new RuleViolation("contract-settled", "The contract is settled; no more entries.");
};

/** Compact, time-sortable entry id, stable across retries of the operation. */
const entryIdFor = (op: Operation, index: number) =>
  `${op.now.toISOString().replace(/\D/g, "").slice(0, 14)}-${op.id(`entry#${index}`).slice(0, 10)}`;

async function submitPrepared(
  op: Operation,
  contract: Contract,
  input: EntryInput,
  index: number,
  prefix: string,
  memo: CatalogueMemo = new Map(),
) {
  const entryId = entryIdFor(op, index);
  const first = await prepareEntry(op, contract, input, entryId, prefix, make(0n), memo);
  let entry = first.entry;
  if (entry.candidateRef && first.months) {
    const monthsTicks = Number(monthsToTicks(first.months));
    const beforeTicks = await claimCandidate(op, entry, monthsTicks, prefix);
    if (entry.kind === "employment") {
      try {
        await claimFte(op, entry, prefix);
      } catch (error) {
        await releaseClaims(op, { ...entry, kind: "placement" }); // undo the contract claim only
        throw error;
      }
    }
    if (beforeTicks > 0)
      entry = (await prepareEntry(op, contract, input, entryId, prefix, ticksToMonths(beforeTicks), memo))
        .entry;
  }
  const written = await writeEntry(op, entry);
  await joinReviewQueue(contract, written);
  return written;
}

export async function submitEntry(op: Operation, contractId: string, input: EntryInput): Promise<Entry> {
  const contract = await loadContract(op.actor, contractId);
  requireSupplier(op, contract);
  await repairIfStale(op, contract);
  const entry = await submitPrepared(op, contract, input, 0, "body");
  await auditCreated(op, contract, entry);
  return entry;
}

/**
 * An entry's first event: submitted, or reversed for a reversing entry. Only the operation that wrote
 * the entry gets here (writeEntry refuses any other), so a retry completes its one event.
 */
async function auditCreated(op: Operation, contract: Contract, entry: Entry) {
  await appendAudit(op, {
    entityType: "sroi-entry",
    entityId: `${contract.id}/${entry.id}`,
    action: entry.reverses ? "sroi-entry.reversed" : "sroi-entry.submitted",
    after: entry,
    regionId: contract.regionId,
    summary: entry.reverses
      ? `reverses ${entry.reverses}: ${entry.note}`
      : `${entry.blockId}, ${entry.period}`,
    once: "created",
  });
}

// ---------- bulk upload: all rows or none ----------

export interface RowResult {
  row: number;
  status: "created";
  entryId: string;
  value: Money;
}

/** A row of an upload: its line in the file, and its input or the errors that refuse it. */
export interface ImportRow {
  row: number;
  input?: EntryInput;
  errors?: FieldError[];
}

interface PlannedRow {
  row: number;
  input: EntryInput;
  entry: Entry;
  months: Ratio | null;
  /** Months of the candidate in the block counted before this row (stored and earlier rows), in ticks. */
  beforeTicks: number;
}

/** The upload's audit event: its last step, so the upload has completed exactly when it exists. */
const ENTRIES_IMPORTED = "contract.entries-imported";
const importedEvent = (contractId: string) => ({
  entityType: "contract" as const,
  entityId: contractId,
  action: ENTRIES_IMPORTED,
});

/** Marker of one upload on the running-totals rows it changes, so each change applies exactly once. */
const uploadMarker = (op: Pick<Operation, "opId">) => `upload#${op.opId}`;

interface UploadMark {
  phase: "begun" | "applied";
  pendingCents?: number;
  submittedCount?: number;
}

/**
 * Bulk upload, all rows or none. dynalite has no transactions, so it is a sequence of idempotent steps:
 * 1. every row is validated and valued without writing (schema, rules, overlaps and FTE within the
 *    file and against the stored claims, and whether the running totals can still hold the sum);
 *    any refusal → 422 `rows-invalid` naming every refused row, nothing written;
 * 2. the candidates' claims, row by row (conditional writes: a concurrent submission refuses the row);
 * 3. TOTALS: the in-flight marker of a submission, raised once (the figures read as unverified until
 *    step 6; a settlement is not held up);
 * 4. the entries (each created once);
 * 5. each block row's and 6. the TOTALS row's deltas, summed, with the upload's marker in the same write;
 * 7. the upload's audit event: the upload is complete from here on, its entries may be reviewed;
 * 8. to 10. each entry's `sroi-entry.submitted` event, the review queue, the markers removed.
 * A failure before step 7 undoes steps 6 to 2 in reverse (each undo is conditional on its marker, so
 * it is safe to repeat) before answering. A retry with the same Idempotency-Key (same operation, same
 * entry ids) after a crash completes the upload, or undoes what is left of it if a row is now refused;
 * a failure after step 7 is finished by that retry, never undone.
 */
export async function importEntries(
  op: Operation,
  contractId: string,
  rows: ImportRow[],
  column: (path: string) => string = (path) => path,
): Promise<{ written: true; results: RowResult[] }> {
  const contract = await loadContract(op.actor, contractId);
  if (rows.length > MAX_CSV_ROWS)
    throw new InvalidInput(
      [{ path: "body", code: "too-many-rows", message: `at most ${MAX_CSV_ROWS} rows (got ${rows.length})` }],
      `At most ${MAX_CSV_ROWS} rows per upload; split the file.`,
      "too-many-rows",
    );
  const ids = rows.map((_, i) => entryIdFor(op, i));
  const supplier = op.actor.role === "supplier" && op.actor.orgId === contract.supplierId;
  // A retry of a completed upload answers as the upload did, even if the contract was settled since.
  if (supplier && (await auditRecorded(op, importedEvent(contractId))))
    return finishUpload(op, contract, rows, ids);
  requireSupplier(op, contract);
  await repairIfStale(op, contract);
  const planned = await planUpload(op, contract, rows, ids, column);
  try {
    await writeUpload(op, contract, planned, column, rows.length);
  } catch (error) {
    await undoUpload(op, contract, rows, ids).catch((e: unknown) =>
      logLeftover(op.opId, "upload not fully undone", e),
    );
    throw error;
  }
  try {
    await appendAudit(op, {
      ...importedEvent(contractId),
      after: planned.map((p) => ({ id: p.entry.id, valueCents: p.entry.valueCents })),
      regionId: contract.regionId,
      summary: `${planned.length} entries uploaded, EUR ${formatEuros(planned.reduce((s, p) => s + p.entry.valueCents, 0))} pending review`,
    });
  } catch (error) {
    // The event may be stored though its answer was lost: only a known absence allows undoing.
    if (!(await auditRecorded(op, importedEvent(contractId)).catch(() => true))) {
      await undoUpload(op, contract, rows, ids).catch((e: unknown) =>
        logLeftover(op.opId, "upload not fully undone", e),
      );
      throw error;
    }
  }
  return completeUpload(
    op,
    contract,
    planned.map((p) => ({ row: p.row, entry: p.entry })),
  );
}

/** Step 1: every row validated and valued against the stored state and the rows before it; no writes. */
async function planUpload(
  op: Operation,
  contract: Contract,
  rows: ImportRow[],
  ids: string[],
  column: (path: string) => string,
): Promise<PlannedRow[]> {
  const errors: FieldError[] = [];
  const memo: CatalogueMemo = new Map();
  const ours = new Set(ids);
  /** Whether an earlier try of this operation left claims or totals behind (a crash). */
  let leftovers = false;
  const claims = new Map<string, Promise<CandidateClaim | undefined>>();
  const fteClaims = new Map<string, Promise<FteClaim | undefined>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>) => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key)!;
  };
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
      const ref = entry.candidateRef;
      if (ref && first.months) {
        const earlier = planned.filter((p) => p.entry.candidateRef === ref);
        const overlaps = (start: string, end: string) =>
          periodsOverlap(start, end, entry.startDate, entry.endDate);
        const inFile = earlier.find((p) => overlaps(p.entry.startDate, p.entry.endDate));
        if (inFile)
          throw new RuleViolation(
            "candidate-overlap",
            `Candidate "${ref}" is also counted in row ${inFile.row} of this file (${inFile.entry.startDate} to ${inFile.entry.endDate}); one candidate cannot be counted twice over overlapping dates.`,
            [{ path: "candidateRef", message: "overlaps another row of this candidate" }],
          );
        const claim = await once(claims, ref, () =>
          getItem<CandidateClaim>(candidateClaimKey(contract.id, ref)),
        );
        leftovers ||= (claim?.periods ?? []).some((p) => ours.has(p.entryId));
        const stored = (claim?.periods ?? []).filter((p) => !p.released && !ours.has(p.entryId));
        const clash = stored.find((p) => overlaps(p.start, p.end));
        if (clash)
          throw new RuleViolation(
            "candidate-overlap",
            `Candidate "${ref}" is already counted in this contract from ${clash.start} to ${clash.end}; one candidate cannot be counted twice over overlapping dates.`,
            [{ path: "candidateRef", message: "overlaps another entry of this candidate" }],
          );
        if (entry.kind === "employment") {
          const fte = await once(fteClaims, ref, () =>
            getItem<FteClaim>(fteClaimKey(contract.supplierId, ref)),
          );
          leftovers ||= (fte?.periods ?? []).some((p) => ours.has(p.entryId));
          const active: FteSpan[] = [
            ...(fte?.periods ?? []).filter((p) => !p.released && !ours.has(p.entryId)),
            ...earlier
              .filter((p) => p.entry.kind === "employment")
              .map((p) => ({ start: p.entry.startDate, end: p.entry.endDate, fte: p.entry.fte! })),
          ];
          const day = fteExceededOn(active, { start: entry.startDate, end: entry.endDate, fte: entry.fte! });
          if (day) throw fteAboveOne(ref, day, "");
        }
        beforeTicks =
          stored.filter((p) => p.blockId === entry.blockId).reduce((s, p) => s + p.monthsTicks, 0) +
          earlier
            .filter((p) => p.entry.blockId === entry.blockId && p.months)
            .reduce((s, p) => s + Number(monthsToTicks(p.months!)), 0);
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
  leftovers ||= uploadMarker(op) in main;
  errors.push(...totalsOverflow(main, blocks, planned, upperCents, column));
  if (errors.length) {
    if (leftovers) await undoUpload(op, contract, rows, ids);
    throw rowsInvalid(errors, rows.length);
  }
  return planned;
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

/** Steps 2 to 6. Entries already stored by an earlier try of this operation are kept as stored. */
async function writeUpload(
  op: Operation,
  contract: Contract,
  planned: PlannedRow[],
  column: (path: string) => string,
  rowCount: number,
) {
  const memo: CatalogueMemo = new Map();
  for (const p of planned) {
    if (!p.entry.candidateRef || !p.months) continue;
    try {
      const beforeTicks = await claimCandidate(op, p.entry, Number(monthsToTicks(p.months)), "");
      if (p.entry.kind === "employment") await claimFte(op, p.entry, "");
      // A concurrent submission of the candidate in the same block changes what counts before.
      if (beforeTicks !== p.beforeTicks)
        p.entry = (
          await prepareEntry(op, contract, p.input, p.entry.id, "", ticksToMonths(beforeTicks), memo)
        ).entry;
    } catch (error) {
      if (error instanceof RuleViolation) throw rowsInvalid(rowErrors(p.row, error, column), rowCount);
      throw error;
    }
  }
  const marker = uploadMarker(op);
  // The in-flight marker of changeTotals, raised once for the whole upload (a submission's kind).
  await addCountersOnce(
    totalsKey(contract.id),
    { ...markerDeltas("pending-only", 1), writes: 1 },
    { name: marker, to: { phase: "begun" } },
    { inFlightSince: op.wallClock().toISOString() },
  );
  for (const p of planned) {
    // The upload's marker on the totals rows, not the entry, records whether its deltas are in.
    const entry: Entry = { ...p.entry, totals: "applied" };
    const item = { ...entryKey(contract.id, entry.id), lastOpId: op.opId, uploadOpId: op.opId, ...entry };
    if (await putIfAbsent(item)) p.entry = entry;
    else {
      const stored = await getItem<Entry & { uploadOpId?: string }>(entryKey(contract.id, entry.id));
      if (stored?.uploadOpId !== op.opId) throw new Conflict("This entry already exists.");
      p.entry = publicFields<Entry>(stored);
    }
  }
  const byBlock = new Map<string, { cents: number; entry: Entry }>();
  for (const { entry } of planned)
    byBlock.set(entry.blockId, { cents: (byBlock.get(entry.blockId)?.cents ?? 0) + entry.valueCents, entry });
  for (const [blockId, { cents, entry }] of byBlock)
    await addCountersOnce(
      blockTotalsKey(contract.id, blockId),
      { pendingCents: cents },
      { name: marker, to: { phase: "applied", pendingCents: cents } },
      blockMeta(entry),
    );
  const pendingCents = planned.reduce((s, p) => s + p.entry.valueCents, 0);
  await addCountersOnce(
    totalsKey(contract.id),
    { pendingCents, submittedCount: planned.length, ...markerDeltas("pending-only", -1), writes: 1 },
    { name: marker, from: "begun", to: { phase: "applied", pendingCents, submittedCount: planned.length } },
    { updatedAt: op.now.toISOString() },
  );
}

/**
 * Undoes whatever steps 2 to 6 of this operation left, in reverse order; each undo is conditional on
 * the upload's marker or entry ids, so running it again (or on rows never written) changes nothing.
 */
async function undoUpload(op: Operation, contract: Contract, rows: ImportRow[], ids: string[]) {
  const marker = uploadMarker(op);
  const mark = async (key: { pk: string; sk: string }) =>
    (await getItem<Item>(key))?.[marker] as UploadMark | undefined;
  const totals = await mark(totalsKey(contract.id));
  if (totals?.phase === "applied")
    await addCountersOnce(
      totalsKey(contract.id),
      {
        pendingCents: -(totals.pendingCents ?? 0),
        submittedCount: -(totals.submittedCount ?? 0),
        ...markerDeltas("pending-only", 1),
        writes: 1,
      },
      { name: marker, from: "applied", to: { phase: "begun" } },
      { inFlightSince: op.wallClock().toISOString() },
    );
  const written = rows.flatMap((r, i) => (r.input ? [{ id: ids[i]!, input: r.input }] : []));
  for (const blockId of new Set(written.map((w) => w.input.blockId))) {
    const block = await mark(blockTotalsKey(contract.id, blockId));
    if (block?.phase === "applied")
      await addCountersOnce(
        blockTotalsKey(contract.id, blockId),
        { pendingCents: -(block.pendingCents ?? 0) },
        { name: marker, from: "applied" },
      );
  }
  for (const { id } of [...written].reverse())
    if (!(await deleteIf(entryKey(contract.id, id), { uploadOpId: op.opId, status: "submitted" }))) {
      const left = await getItem<{ uploadOpId?: string }>(entryKey(contract.id, id));
      if (left?.uploadOpId === op.opId)
        throw new Conflict(`Entry ${id} was reviewed; the upload is not undone.`);
    }
  const mine = new Set(written.map((w) => w.id));
  const unclaim = <T extends { periods: { entryId: string }[]; version: number }>(key: {
    pk: string;
    sk: string;
  }) =>
    withClaim<T, void>(
      key,
      op,
      (doc) =>
        doc?.periods.some((p) => mine.has(p.entryId))
          ? {
              write: { periods: doc.periods.filter((p) => !mine.has(p.entryId)) } as Omit<T, "version">,
              result: undefined,
            }
          : { write: null, result: undefined },
      (doc) => !doc.periods.some((p) => mine.has(p.entryId)),
    );
  const refs = [...new Set(written.flatMap((w) => (w.input.candidateRef ? [w.input.candidateRef] : [])))];
  for (const ref of refs.reverse()) {
    await unclaim<FteClaim>(fteClaimKey(contract.supplierId, ref));
    await unclaim<CandidateClaim>(candidateClaimKey(contract.id, ref));
  }
  await addCountersOnce(
    totalsKey(contract.id),
    { ...markerDeltas("pending-only", -1), writes: 1 },
    { name: marker, from: "begun" },
  );
}

/**
 * Steps 8 to 10, once the upload is complete; each is idempotent, so a retry of the upload finishes
 * them: 8. each entry's own `sroi-entry.submitted` event (once per entry), 9. each entry joins the
 * review queue, 10. the markers are removed (they have done their work).
 */
async function completeUpload(
  op: Operation,
  contract: Contract,
  written: { row: number; entry: Entry }[],
): Promise<{ written: true; results: RowResult[] }> {
  for (const { entry } of written) await auditCreated(op, contract, entry);
  for (const { entry } of written) await joinReviewQueue(contract, entry);
  const marker = uploadMarker(op);
  const blocks = [...new Set(written.map((w) => w.entry.blockId))].map((b) => blockTotalsKey(contract.id, b));
  for (const key of [...blocks, totalsKey(contract.id)])
    await addCountersOnce(key, {}, { name: marker, from: "applied" });
  return {
    written: true,
    results: written.map(({ row, entry }) => ({
      row,
      status: "created",
      entryId: entry.id,
      value: toMoney(entry.valueCents),
    })),
  };
}

/** A retry of a completed upload: the same results, read back, and its last steps finished. */
async function finishUpload(
  op: Operation,
  contract: Contract,
  rows: ImportRow[],
  ids: string[],
): Promise<{ written: true; results: RowResult[] }> {
  const written: { row: number; entry: Entry }[] = [];
  for (const [i, row] of rows.entries()) {
    const entry = await getItem<Entry>(entryKey(contract.id, ids[i]!));
    if (!entry) throw new Conflict("This upload completed with other rows; use a new Idempotency-Key.");
    written.push({ row: row.row, entry: publicFields<Entry>(entry) });
  }
  return completeUpload(op, contract, written);
}

/**
 * An upload between raising its marker and applying its totals (or undoing them): the entries' own
 * figures cannot tell what it has applied, so the totals are left for it to finish — its retry with
 * the same Idempotency-Key completes or undoes it — and are not repaired meanwhile.
 */
const uploadUnfinished = (main: StoredTotals) =>
  Object.entries(main).some(
    ([name, mark]) => name.startsWith("upload#") && (mark as UploadMark | undefined)?.phase === "begun",
  );

/**
 * Until its upload has completed an entry may still be undone, so it is not reviewed yet. The
 * entry's `submittedAt` is its upload's clock, which keys the upload's audit event.
 */
async function requireCompletedUpload(contractId: string, entryId: string) {
  const item = await getItem<{ uploadOpId?: string; submittedAt: string }>(entryKey(contractId, entryId));
  if (!item?.uploadOpId) return;
  const upload = { opId: item.uploadOpId, now: new Date(item.submittedAt) };
  if (!(await auditRecorded(upload, importedEvent(contractId))))
    throw new Conflict(
      "This entry belongs to an upload that has not completed; the supplier retries it with the same Idempotency-Key.",
    );
}

/** The contract (access checked) and one of its entries. */
export async function loadEntry(
  actor: Actor,
  contractId: string,
  entryId: string,
): Promise<{ contract: Contract; entry: Entry }> {
  const contract = await loadContract(actor, contractId);
  const item = await getItem<Entry>(entryKey(contractId, entryId));
  if (!item) throw new NotFound("entry");
  return { contract, entry: publicFields<Entry>(item) };
}

export async function listEntries(
  actor: Actor,
  contractId: string,
  page: { limit: number; cursor?: string | undefined; status?: EntryStatus | undefined },
): Promise<Page<Entry> & { contract: Contract }> {
  const contract = await loadContract(actor, contractId);
  const result = await queryPage<Entry & Item>({
    pk: `CONTRACT#${contractId}`,
    skBeginsWith: "ENTRY#",
    limit: page.limit,
    cursor: page.cursor,
    ...(page.status
      ? { filter: { expression: "#s = :s", names: { "#s": "status" }, values: { ":s": page.status } } }
      : {}),
  });
  return { items: result.items.map((i) => publicFields<Entry>(i)), nextCursor: result.nextCursor, contract };
}

/**
 * An auditor of the contract's region or an officer of the buying municipality accepts or rejects a
 * submitted entry, with a reason. The reviewer never belongs to the submitting organisation.
 */
export async function reviewEntry(
  op: Operation,
  contractId: string,
  entryId: string,
  input: { decision: "accept" | "reject"; reason: string },
): Promise<Entry> {
  const { contract, entry } = await loadEntry(op.actor, contractId, entryId);
  const allowed =
    (op.actor.role === "auditor" && op.actor.regionId === contract.regionId) ||
    (op.actor.role === "officer" && op.actor.orgId === contract.buyerId);
  if (!allowed) throw new Forbidden("An auditor of the region or the buying officer reviews entries.");
  if (op.actor.orgId === entry.submittedByOrg || op.actor.orgId === contract.supplierId)
    throw new Forbidden("A reviewer never belongs to the submitting organisation.");
  await requireCompletedUpload(contractId, entryId);
  const status: EntryStatus = input.decision === "accept" ? "accepted" : "rejected";
  const review = {
    decision: input.decision,
    reason: input.reason,
    at: op.now.toISOString(),
    by: op.actor.sub,
    role: op.actor.role,
    orgId: op.actor.orgId,
  };
  const key = entryKey(contractId, entryId);
  const conflict = (current: Entry | undefined) =>
    current
      ? new Conflict(
          `The entry is already ${current.status}; an accepted entry is never changed (submit a reversal).`,
        )
      : new NotFound("entry");
  // A retry of this review gets it back; a reviewed entry is refused before anything is written.
  if ((entry as Entry & { reviewOpId?: string }).reviewOpId === op.opId) {
    await leaveReviewQueue(contractId, entryId);
    return entry;
  }
  if (entry.status !== "submitted") throw conflict(entry);
  await repairIfStale(op, contract);
  const reviewed: Entry = { ...entry, status, review };
  const accepted = status === "accepted";
  const block = accepted ? acceptedBlockDeltas(reviewed) : { pendingCents: -entry.valueCents };
  const totals: Record<string, number> = accepted
    ? {
        pendingCents: -entry.valueCents,
        creditedCents: entry.valueCents,
        acceptedCount: 1,
        submittedCount: -1,
      }
    : {
        pendingCents: -entry.valueCents,
        rejectedCents: entry.valueCents,
        rejectedCount: 1,
        submittedCount: -1,
      };
  const months = accepted && entry.candidateRef ? Number(ticksOf(entry.reportedMonths)) : 0;
  requireSafe(block, totals, { months });
  const blockKey = blockTotalsKey(contractId, entry.blockId);
  const personsKey = personKey(contractId, entry.blockId, entry.candidateRef ?? "");
  let persons = 0;
  await changeTotals(op, contractId, accepted ? "credit" : "pending-only", {
    before: [
      {
        run: async () => {
          if (
            !(await setIf(
              key,
              { status, review, totals: "pending", reviewOpId: op.opId },
              { status: "submitted" },
            ))
          )
            throw conflict(await getItem<Entry>(key));
        },
        undo: () =>
          setIf(
            key,
            { status: "submitted", review: null, totals: entry.totals, reviewOpId: null },
            { reviewOpId: op.opId },
          ),
      },
      ...(months
        ? [
            {
              run: async () => {
                persons = personsCrossing(await addCounters(personsKey, { monthsTicks: months }), months);
              },
              undo: () => addCounters(personsKey, { monthsTicks: -months }),
            },
          ]
        : []),
      {
        run: () => addCounters(blockKey, { ...block, persons }, blockMeta(reviewed)),
        undo: () => addCounters(blockKey, negated({ ...block, persons })),
      },
    ],
    totals,
    after: [{ run: () => markApplied(reviewed) }],
  });
  await leaveReviewQueue(contractId, entryId);
  // A rejected entry, or an accepted reversal, frees the candidate's period for a corrected entry.
  if (status === "rejected") await releaseClaims(op, entry);
  if (status === "accepted" && entry.reverses) {
    const original = await getItem<Entry>(entryKey(contractId, entry.reverses));
    if (original) await releaseClaims(op, original);
  }
  await appendAudit(op, {
    entityType: "sroi-entry",
    entityId: `${contractId}/${entryId}`,
    action: `sroi-entry.${status}`,
    before: entry,
    after: reviewed,
    regionId: contract.regionId,
    summary: input.reason,
    once: "reviewed",
  });
  return { ...reviewed, totals: "applied" };
}

/** A correction of an accepted entry: a new entry with the opposite value and months, to be reviewed. */
export async function reverseEntry(
  op: Operation,
  contractId: string,
  entryId: string,
  reason: string,
): Promise<Entry> {
  const { contract, entry } = await loadEntry(op.actor, contractId, entryId);
  requireSupplier(op, contract);
  if (entry.status !== "accepted")
    throw new RuleViolation(
      "not-accepted",
      "Only an accepted entry is reversed; a submitted one is reviewed.",
    );
  if (entry.reverses)
    throw new RuleViolation("is-reversal", "A reversal is not reversed; submit a new entry.");
  const negate = (text: string | null) => (text ? ratioText(neg(parseRatio(text))) : null);
  const reversal: Entry = {
    ...entry,
    id: `${entry.id}-rev`,
    status: "submitted",
    valueCents: -entry.valueCents,
    reportedMonths: negate(entry.reportedMonths),
    countedMonths: negate(entry.countedMonths),
    formula: `reversal of ${entry.id}: −(${entry.formula})`,
    reverses: entry.id,
    note: reason,
    submittedAt: op.now.toISOString(),
    submittedBy: op.actor.sub,
    submittedByOrg: op.actor.orgId,
    review: null,
    totals: "pending",
  };
  refuseBsn({ reason });
  await repairIfStale(op, contract);
  const written = await writeEntry(op, reversal);
  await auditCreated(op, contract, written);
  await joinReviewQueue(contract, written);
  return written;
}

// ---------- balance ----------

interface StoredTotals {
  creditedCents?: number;
  pendingCents?: number;
  rejectedCents?: number;
  submittedCount?: number;
  acceptedCount?: number;
  rejectedCount?: number;
  /** Operations between their first and their TOTALS write (see changeTotals). */
  inFlight?: number;
  /** Of those, the ones that cannot change the credited total (submissions, rejections). */
  pendingOnlyInFlight?: number;
  /** When the last marker was raised (the time the step ran, not the operation's clock). */
  inFlightSince?: string;
  /** How many writes the row has had (see addTotals). */
  writes?: number;
  updatedAt?: string;
}
interface StoredBlockTotals {
  blockId: string;
  kind: BlockKind;
  targetGroup: string | null;
  creditedCents?: number;
  pendingCents?: number;
  persons?: number;
  reportedTicks?: number;
  countedTicks?: number;
  fteUnits?: number;
}

const fteYearsOf = (units: number) => make(BigInt(units), FTE_SCALE * MONTH_TICKS * 12n);

function storedAsEntryTotals(main: StoredTotals, blocks: StoredBlockTotals[]): EntryTotals {
  return {
    creditedCents: main.creditedCents ?? 0,
    pendingCents: main.pendingCents ?? 0,
    rejectedCents: main.rejectedCents ?? 0,
    counts: {
      submitted: main.submittedCount ?? 0,
      accepted: main.acceptedCount ?? 0,
      rejected: main.rejectedCount ?? 0,
    },
    blocks: blocks
      .map(
        (b): BlockBreakdown => ({
          blockId: b.blockId,
          kind: b.kind,
          targetGroup: b.targetGroup,
          creditedCents: b.creditedCents ?? 0,
          pendingCents: b.pendingCents ?? 0,
          persons: b.persons ?? 0,
          fteYears: fteYearsOf(b.fteUnits ?? 0),
          reportedMonths: ticksToMonths(b.reportedTicks ?? 0),
          countedMonths: ticksToMonths(b.countedTicks ?? 0),
        }),
      )
      .filter((b) => b.creditedCents || b.pendingCents || b.persons || b.reportedMonths.n || b.fteYears.n)
      .sort((a, b) => (a.blockId < b.blockId ? -1 : 1)),
  };
}

/** Two reads, however many entries: the contract document and its totals rows (one query). */
async function readTotals(contractId: string) {
  const rows = await queryAll<Item>({ pk: `CONTRACT#${contractId}`, skBeginsWith: "TOTALS" });
  const main = (rows.find((r) => r.sk === "TOTALS") ?? {}) as StoredTotals;
  const blocks = rows.filter((r) => r.sk.startsWith("TOTALS#BLOCK#")) as unknown as StoredBlockTotals[];
  return { main, blocks, totals: storedAsEntryTotals(main, blocks) };
}

/**
 * Every marker is older than STALE_MARKER_MS: each was raised by an operation that has died (a live one
 * raises its marker within the function's run). Markers from before inFlightSince was kept are left to
 * the admin's recompute; an unfinished upload's to its retry (see uploadUnfinished).
 */
function markersStale(main: StoredTotals, wallNow: Date): boolean {
  return (
    (main.inFlight ?? 0) !== 0 &&
    !uploadUnfinished(main) &&
    main.inFlightSince !== undefined &&
    wallNow.getTime() - Date.parse(main.inFlightSince) > STALE_MARKER_MS
  );
}

/**
 * Repairs the totals from the entries when their markers are stale (see recompute); true when it did.
 * Another writer or repair in between makes it skip: that one has the contract's totals in hand.
 */
async function repairIfStale(op: Operation, contract: Contract, main?: StoredTotals): Promise<boolean> {
  const seen = main ?? (await getItem<StoredTotals>(totalsKey(contract.id)));
  if (!seen || !markersStale(seen, op.wallClock())) return false;
  try {
    return (await recompute(op, contract, "repair-stale")).repaired;
  } catch (error) {
    if (error instanceof Conflict) return false;
    throw error;
  }
}

/** The totals rows, repaired first when a crashed operation left its marker for too long. */
async function readTotalsRepaired(op: Operation, contract: Contract) {
  const read = await readTotals(contract.id);
  if (markersStale(read.main, op.wallClock()) && (await repairIfStale(op, contract, read.main)))
    return readTotals(contract.id);
  return read;
}

export async function balanceOf(op: Operation, contractId: string) {
  const contract = await loadContract(op.actor, contractId);
  return balanceFor(op, contract);
}

function contractBalance(contract: Contract, totals: EntryTotals, now: Date) {
  return computeBalance({
    totals: {
      obligationCents: contract.obligation.cents,
      committedCents: contract.commitment?.cents ?? 0,
      creditedCents: totals.creditedCents,
      pendingCents: totals.pendingCents,
      rejectedCents: totals.rejectedCents,
    },
    startDate: contract.startDate,
    endDate: contract.endDate,
    now: now.toISOString(),
    settled: contract.settlement !== null,
    recoveryDays: contract.policy.recoveryDays,
  });
}

/**
 * The shortfall in cents now (for the settlement). It depends on the credited total only, so it is
 * refused only while an operation that can change that total (a review, a repair) is unfinished: a
 * supplier's submissions never hold up a settlement.
 */
export async function shortfallCentsOf(op: Operation, contract: Contract): Promise<Cents> {
  const { main, totals } = await readTotalsRepaired(op, contract);
  if ((main.inFlight ?? 0) - (main.pendingOnlyInFlight ?? 0) !== 0)
    throw new RuleViolation(
      "totals-unverified",
      "The credited total is being updated or needs repair: retry in a minute (a stale update is repaired automatically) or ask an admin to recompute.",
    );
  return contractBalance(contract, totals, op.now).shortfallCents;
}

export async function balanceFor(op: Operation, contract: Contract) {
  const now = op.now;
  const { main, totals } = await readTotalsRepaired(op, contract);
  const balance = contractBalance(contract, totals, now);
  const money = (c: number | null) => (c === null ? null : toMoney(c));
  const row = (b: Omit<BlockBreakdown, "blockId" | "kind">) => ({
    credited: toMoney(b.creditedCents),
    pending: toMoney(b.pendingCents),
    persons: b.persons,
    fteYears: twoDecimals(b.fteYears),
    reportedMonths: twoDecimals(b.reportedMonths),
    countedMonths: twoDecimals(b.countedMonths),
  });
  return {
    contractId: contract.id,
    asOf: now.toISOString(),
    obligation: toMoney(balance.obligationCents),
    committed: toMoney(balance.committedCents),
    credited: toMoney(balance.creditedCents),
    pending: toMoney(balance.pendingCents),
    rejected: toMoney(balance.rejectedCents),
    shortfall: toMoney(balance.shortfallCents),
    overRealisation: toMoney(balance.overRealisationCents),
    fulfilmentPercent: balance.fulfilmentPercent,
    status: balance.status,
    elapsedPercent: balance.elapsedPercent,
    expectedByNow: toMoney(balance.expectedByNowCents),
    projection: {
      atEnd: money(balance.projectedCents),
      shortfallAtEnd: money(balance.projectedShortfallCents),
      method: "linear: credited ÷ elapsed share of the contract period",
    },
    ended: balance.ended,
    recoveryDeadline: balance.recoveryDeadline,
    settlement: contract.settlement,
    entries: totals.counts,
    byBlock: totals.blocks.map((b) => ({
      blockId: b.blockId,
      kind: b.kind,
      targetGroup: b.targetGroup,
      ...row(b),
    })),
    byTargetGroup: byTargetGroup(totals.blocks).map((g) => ({ targetGroup: g.targetGroup, ...row(g) })),
    rules: {
      policy: { id: contract.policy.id, version: contract.policy.version },
      obligationVersion: contract.obligation.version,
      commitmentVersion: contract.commitment?.version ?? null,
    },
    /** false while an operation is applying its deltas, or after a crash until the repair. */
    totalsVerified: (main.inFlight ?? 0) === 0,
  };
}

const toBalanceEntry = (e: Entry): BalanceEntry => ({
  status: e.status,
  valueCents: e.valueCents,
  blockId: e.blockId,
  kind: e.kind,
  targetGroup: e.targetGroup,
  candidateRef: e.candidateRef,
  fte: e.fte,
  reportedMonths: e.reportedMonths ? parseRatio(e.reportedMonths) : null,
  countedMonths: e.countedMonths ? parseRatio(e.countedMonths) : null,
});

/**
 * Admin action: recomputes the running totals from the entries, compares, and repairs them with
 * atomic ADDs of the differences (so writes that land meanwhile are not lost). Audited.
 */
export async function recomputeTotals(op: Operation, contractId: string, repair: boolean) {
  if (op.actor.role !== "admin") throw new Forbidden("Only an admin recomputes totals.");
  const contract = await loadContract(op.actor, contractId);
  return recompute(op, contract, repair ? "repair" : "compare");
}

/** A step of a repair that has started: one more try when its failure says it did not apply. */
async function finish(step: () => Promise<unknown>) {
  try {
    await step();
  } catch (error) {
    if (outcomeUnknown(error)) throw error;
    await step();
  }
}

/**
 * Compares (and repairs) the totals with the entries. "repair-stale" repairs only when every marker is
 * stale, i.e. no operation is between its marker and its TOTALS write: such an operation's entry would
 * be counted by the repair and then again by its own deltas.
 */
async function recompute(op: Operation, contract: Contract, mode: "compare" | "repair" | "repair-stale") {
  const contractId = contract.id;
  const { main, blocks, totals: stored } = await readTotals(contractId);
  const inFlight = main.inFlight ?? 0;
  if (mode === "repair" && uploadUnfinished(main))
    throw new Conflict(
      "An upload of entries to this contract is unfinished; its retry with the same Idempotency-Key completes or undoes it. Recompute after that.",
    );
  if (mode === "repair-stale" && !markersStale(main, op.wallClock()))
    return { contractId, consistent: false, inFlight, differences: [], repaired: false, entries: 0 };
  const people = await queryAll<Item & { monthsTicks?: number }>({
    pk: `CONTRACT#${contractId}`,
    skBeginsWith: "PERSON#",
  });
  const entries = (
    await queryAll<Entry & Item>({ pk: `CONTRACT#${contractId}`, skBeginsWith: "ENTRY#" })
  ).map((i) => publicFields<Entry>(i));
  const computed = totalsFromEntries(entries.map(toBalanceEntry));
  const differences = compareTotals(stored, computed);
  const countsDiffer =
    stored.counts.submitted !== computed.counts.submitted ||
    stored.counts.accepted !== computed.counts.accepted ||
    stored.counts.rejected !== computed.counts.rejected;
  const repaired = mode !== "compare" && (differences.length > 0 || countsDiffer || inFlight !== 0);
  if (repaired) {
    // The TOTALS row first, on condition that nobody wrote it since it was read: an entry written between
    // the two reads would otherwise be counted twice and shown as verified. The repair replaces every
    // marker by one of its own (raised now, so no other reader takes it for stale) until the block rows
    // and person markers are repaired too.
    const applied = await addCountersIf(
      totalsKey(contractId),
      {
        creditedCents: computed.creditedCents - stored.creditedCents,
        pendingCents: computed.pendingCents - stored.pendingCents,
        rejectedCents: computed.rejectedCents - stored.rejectedCents,
        submittedCount: computed.counts.submitted - stored.counts.submitted,
        acceptedCount: computed.counts.accepted - stored.counts.accepted,
        rejectedCount: computed.counts.rejected - stored.counts.rejected,
        inFlight: 1 - inFlight,
        pendingOnlyInFlight: -(main.pendingOnlyInFlight ?? 0),
        writes: 1,
      },
      { inFlightSince: op.wallClock().toISOString() },
      { writes: main.writes },
    );
    if (!applied) throw new Conflict("Entries changed while recomputing; retry.");
    for (const b of computed.blocks) {
      const s = blocks.find((x) => x.blockId === b.blockId);
      await finish(() =>
        addCounters(
          blockTotalsKey(contractId, b.blockId),
          {
            creditedCents: b.creditedCents - (s?.creditedCents ?? 0),
            pendingCents: b.pendingCents - (s?.pendingCents ?? 0),
            persons: b.persons - (s?.persons ?? 0),
            reportedTicks: Number(monthsToTicks(b.reportedMonths)) - (s?.reportedTicks ?? 0),
            countedTicks: Number(monthsToTicks(b.countedMonths)) - (s?.countedTicks ?? 0),
            fteUnits: Number(mul(b.fteYears, FTE_SCALE * MONTH_TICKS * 12n).n) - (s?.fteUnits ?? 0),
          },
          { blockId: b.blockId, kind: b.kind, targetGroup: b.targetGroup },
        ),
      );
    }
    for (const s of blocks.filter((x) => !computed.blocks.some((b) => b.blockId === x.blockId))) {
      await finish(() =>
        addCounters(blockTotalsKey(contractId, s.blockId), {
          creditedCents: -(s.creditedCents ?? 0),
          pendingCents: -(s.pendingCents ?? 0),
          persons: -(s.persons ?? 0),
          reportedTicks: -(s.reportedTicks ?? 0),
          countedTicks: -(s.countedTicks ?? 0),
          fteUnits: -(s.fteUnits ?? 0),
        }),
      );
    }
    // Person markers: net accepted months per (block, candidate), so future crossings count right.
    const net = new Map<string, bigint>(people.map((p) => [p.sk, 0n]));
    for (const e of entries.filter((x) => x.status === "accepted" && x.candidateRef)) {
      const { sk } = personKey(contractId, e.blockId, e.candidateRef!);
      net.set(sk, (net.get(sk) ?? 0n) + ticksOf(e.reportedMonths));
    }
    for (const [sk, ticks] of net) {
      const diff = Number(ticks) - (people.find((p) => p.sk === sk)?.monthsTicks ?? 0);
      if (diff !== 0)
        await finish(() => addCounters({ pk: `CONTRACT#${contractId}`, sk }, { monthsTicks: diff }));
    }
    for (const e of entries.filter((x) => x.totals !== "applied")) await finish(() => markApplied(e));
    await finish(() => addTotals(contractId, { inFlight: -1 }));
  }
  await appendAudit(op, {
    entityType: "contract",
    entityId: contractId,
    action: repaired ? "contract.totals-repaired" : "contract.totals-verified",
    before: { totals: serialisable(stored), inFlight },
    after: serialisable(computed),
    regionId: contract.regionId,
    summary:
      (differences.length ? `${differences.length} difference(s)` : "consistent") +
      (mode === "repair-stale"
        ? `; stale in-flight marker (raised ${main.inFlightSince}) repaired on access`
        : ""),
  });
  return {
    contractId,
    consistent: differences.length === 0 && !countsDiffer && inFlight === 0,
    inFlight,
    differences,
    repaired,
    entries: entries.length,
  };
}

export function entryToWire(entry: Entry, now?: Date, reviewDays?: number) {
  const { valueCents, invoice, reportedMonths, countedMonths, ...rest } = entry;
  const overdue =
    now !== undefined && reviewDays !== undefined && entry.status === "submitted"
      ? now.getTime() - Date.parse(entry.submittedAt) > reviewDays * DAY
      : undefined;
  return {
    ...rest,
    value: toMoney(valueCents),
    invoice: invoice ? { ...invoice, amountCents: undefined, amount: toMoney(invoice.amountCents) } : null,
    reportedMonths: reportedMonths ? twoDecimals(parseRatio(reportedMonths)) : null,
    countedMonths: countedMonths ? twoDecimals(parseRatio(countedMonths)) : null,
    exactMonths: reportedMonths ? { reported: reportedMonths, counted: countedMonths } : null,
    ...(overdue !== undefined ? { overdue } : {}),
  };
}

/** Totals with exact ratios as text (audit digests are JSON). */
function serialisable(t: EntryTotals) {
  return {
    ...t,
    blocks: t.blocks.map((b) => ({
      ...b,
      fteYears: ratioText(b.fteYears),
      reportedMonths: ratioText(b.reportedMonths),
      countedMonths: ratioText(b.countedMonths),
    })),
  };
}
