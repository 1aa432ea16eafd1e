/**
 * Recomputing the running totals from the entries: compare, and repair.
 */
import { appendAudit } from "../../audit/audit.js";
import type { RecomputeResponse } from "../../schemas/responses/contracts.js";
import { Conflict, Forbidden } from "../../domain/errors.js";
import { mul } from "../../domain/exact.js";
import {
  type BalanceEntry,
  compareTotals,
  type EntryTotals,
  totalsFromEntries,
} from "../../domain/sroi/balance.js";
import { MONTH_TICKS, monthsToTicks, parseRatio, ratioText } from "../../domain/sroi/months.js";
import type { Operation } from "../../operation.js";
import { contractPartition } from "../../entities/contract.js";
import { entryEntity, entryQueries } from "../../entities/entry.js";
import { monthTotalsEntity, monthTotalsQueries } from "../../entities/month-totals.js";
import {
  personEntity,
  personKey,
  personMonthField,
  personQueries,
  personTicksByMonth,
} from "../../entities/person.js";
import { blockIdsDelta, blockTotalsKey, type StoredBlockTotals, totalsKey } from "../../entities/totals.js";
import { addCounters, addCountersIf } from "../../store/counters.js";
import { publicFields } from "../../store/ops.js";
import { queryAll } from "../../store/paging.js";
import { loadContract } from "../contract/access.js";
import type { Contract } from "../contract/model.js";
import { type Entry, FTE_SCALE } from "../entries/model.js";
import { markApplied } from "../entries/write.js";
import { addTotals, outcomeUnknown, ticksOf } from "./change.js";
import {
  compareMonthRows,
  type MonthFigures,
  monthRowsFromEntries,
  personTicksFromEntries,
  repairMonthRows,
  storedMonthFigures,
} from "./months.js";
import { markersStale, readTotals, uploadUnfinished } from "./read.js";

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
export async function recomputeTotals(
  op: Operation,
  contractId: string,
  repair: boolean,
): Promise<RecomputeResponse> {
  if (op.actor.role !== "admin") throw new Forbidden("Only an admin recomputes totals.");
  const contract = await loadContract(op.actor, contractId);
  return recompute(op, contract, repair ? "repair" : "compare");
}

/** A step of a repair that has started: one more try when its failure says it did not apply. */
export async function finish(step: () => Promise<unknown>) {
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
export async function recompute(
  op: Operation,
  contract: Contract,
  mode: "compare" | "repair" | "repair-stale",
): Promise<RecomputeResponse> {
  const contractId = contract.id;
  const read = await readTotals(contractId);
  const { main, totals: stored } = read;
  const inFlight = main.inFlight ?? 0;
  if (mode === "repair" && uploadUnfinished(main))
    throw new Conflict(
      "An upload of entries to this contract is unfinished; its retry with the same Idempotency-Key completes or undoes it. Recompute after that.",
    );
  if (mode === "repair-stale" && !markersStale(main, op.wallClock()))
    return { contractId, consistent: false, inFlight, differences: [], repaired: false, entries: 0 };
  // After TOTALS: a change that writes a month row after this read raises its marker on TOTALS first.
  const storedMonths = await readMonthRows(contractId);
  const people = personEntity.readAll(await queryAll(personQueries.ofContract(contractId)));
  const entries = entryEntity
    .readAll(await queryAll(entryQueries.ofContract(contractId)))
    .map((i) => publicFields<Entry>(i));
  const computed = totalsFromEntries(entries.map(toBalanceEntry));
  const months = { stored: storedMonths, computed: monthRowsFromEntries(entries) };
  const differences = [
    ...compareTotals(stored, computed),
    ...compareMonthRows(months.stored, months.computed),
  ];
  const countsDiffer =
    stored.counts.submitted !== computed.counts.submitted ||
    stored.counts.accepted !== computed.counts.accepted ||
    stored.counts.rejected !== computed.counts.rejected;
  const repaired = mode !== "compare" && (differences.length > 0 || countsDiffer || inFlight !== 0);
  if (repaired) await repair(op, contractId, read, computed, { entries, people, months });
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

type PersonMarker = ReturnType<typeof personEntity.read>;
type MonthRows = { stored: MonthFigures[]; computed: MonthFigures[] };

/** A contract's month rows as figures, in one query. */
export async function readMonthRows(contractId: string): Promise<MonthFigures[]> {
  return storedMonthFigures(
    monthTotalsEntity.readAll(await queryAll(monthTotalsQueries.ofContract(contractId))),
  );
}

/**
 * The TOTALS row first, on condition that nobody wrote it since it was read: an entry written between
 * the two reads would otherwise be counted twice and shown as verified. The repair replaces every
 * marker by one of its own (raised now, so no other reader takes it for stale) until the block rows
 * and person markers are repaired too.
 */
async function repair(
  op: Operation,
  contractId: string,
  { main, blocks, totals: stored }: Awaited<ReturnType<typeof readTotals>>,
  computed: EntryTotals,
  { entries, people, months }: { entries: Entry[]; people: PersonMarker[]; months: MonthRows },
) {
  const applied = await addCountersIf(
    totalsKey(contractId),
    {
      creditedCents: computed.creditedCents - stored.creditedCents,
      pendingCents: computed.pendingCents - stored.pendingCents,
      rejectedCents: computed.rejectedCents - stored.rejectedCents,
      submittedCount: computed.counts.submitted - stored.counts.submitted,
      acceptedCount: computed.counts.accepted - stored.counts.accepted,
      rejectedCount: computed.counts.rejected - stored.counts.rejected,
      inFlight: 1 - (main.inFlight ?? 0),
      pendingOnlyInFlight: -(main.pendingOnlyInFlight ?? 0),
      writes: 1,
      // Before the block rows are written: TOTALS names every row (lib/entities/totals.ts).
      ...blockIdsDelta([...computed.blocks, ...blocks].map((b) => b.blockId)),
    },
    { inFlightSince: op.wallClock().toISOString() },
    { writes: main.writes },
  );
  if (!applied) throw new Conflict("Entries changed while recomputing; retry.");
  await repairBlocks(contractId, blocks, computed);
  await repairMonthRows(contractId, months.stored, months.computed, finish);
  await repairPersons(contractId, entries, people);
  for (const e of entries.filter((x) => x.totals !== "applied")) await finish(() => markApplied(e));
  await finish(() => addTotals(contractId, { inFlight: -1 }, { [PERIOD_ROWS_FIELD]: true }));
}

/** Each block row to its computed figures; a stored row with no entries left goes to zero. */
async function repairBlocks(contractId: string, blocks: StoredBlockTotals[], computed: EntryTotals) {
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
}

/** Person markers: net accepted months per (block, candidate), so future crossings count right. */
async function repairPersons(contractId: string, entries: Entry[], people: PersonMarker[]) {
  const net = new Map<string, bigint>(people.map((p) => [p.sk, 0n]));
  for (const e of entries.filter((x) => x.status === "accepted" && x.candidateRef)) {
    const { sk } = personKey(contractId, e.blockId, e.candidateRef!);
    net.set(sk, (net.get(sk) ?? 0n) + ticksOf(e.reportedMonths));
  }
  for (const [sk, ticks] of net) {
    const diff = Number(ticks) - (people.find((p) => p.sk === sk)?.monthsTicks ?? 0);
    if (diff !== 0)
      await finish(() => addCounters({ pk: contractPartition(contractId), sk }, { monthsTicks: diff }));
  }
  await repairPersonMonths(contractId, entries, people);
}

/** Person markers' ticks per month (their month fields), which place the persons in the month rows. */
async function repairPersonMonths(contractId: string, entries: Entry[], people: PersonMarker[]) {
  const computed = new Map(
    personTicksFromEntries(entries).map((p) => [
      personKey(contractId, p.blockId, p.candidateRef).sk,
      p.byMonth,
    ]),
  );
  for (const sk of new Set([...people.map((p) => p.sk), ...computed.keys()])) {
    const stored = personTicksByMonth(people.find((p) => p.sk === sk) ?? {});
    const target = computed.get(sk) ?? new Map<string, number>();
    const deltas: Record<string, number> = {};
    for (const month of new Set([...stored.keys(), ...target.keys()])) {
      const d = (target.get(month) ?? 0) - (stored.get(month) ?? 0);
      if (d !== 0) deltas[personMonthField(month)] = d;
    }
    if (Object.keys(deltas).length)
      await finish(() => addCounters({ pk: contractPartition(contractId), sk }, deltas));
  }
}

/** TOTALS' mark that the contract's month rows count all of its entries (see rebuildMonthRows). */
export const PERIOD_ROWS_FIELD = "periodRows";

/**
 * Builds the month rows of a contract whose entries were written before month rows were kept: computes
 * them from the entries and ADDs the differences to what is stored (so running it again changes
 * nothing), then marks TOTALS with PERIOD_ROWS_FIELD. Safe beside live changes: the rows are written
 * under a marker of its own, raised on condition that nobody wrote TOTALS since it was read (a change
 * in between makes it refuse with 409; a crash leaves the marker, and the stale-marker repair, which
 * recomputes month rows too, finishes). A contract with a change in flight that is not stale (a live
 * operation or an upload awaiting its retry) is left for a later run ("in-flight", nothing written).
 */
export async function rebuildMonthRows(
  op: Operation,
  contract: Contract,
): Promise<"built" | "unneeded" | "in-flight"> {
  const contractId = contract.id;
  let { main } = await readTotals(contractId);
  // No TOTALS row: no change has started, so no entry exists without its month row.
  if (main.writes === undefined || main.periodRows === true) return "unneeded";
  if ((main.inFlight ?? 0) !== 0) {
    if (!markersStale(main, op.wallClock())) return "in-flight";
    await recompute(op, contract, "repair-stale");
    main = (await readTotals(contractId)).main;
    if (main.periodRows === true) return "built";
    if ((main.inFlight ?? 0) !== 0) return "in-flight";
  }
  const stored = await readMonthRows(contractId);
  const people = personEntity.readAll(await queryAll(personQueries.ofContract(contractId)));
  const entries = entryEntity
    .readAll(await queryAll(entryQueries.ofContract(contractId)))
    .map((i) => publicFields<Entry>(i));
  const computed = monthRowsFromEntries(entries);
  const raised = await addCountersIf(
    totalsKey(contractId),
    { inFlight: 1, writes: 1 },
    { inFlightSince: op.wallClock().toISOString() },
    { writes: main.writes },
  );
  if (!raised)
    throw new Conflict(
      `The entries of contract ${contractId} changed while its month rows were built; run again.`,
    );
  await repairMonthRows(contractId, stored, computed, finish);
  await repairPersonMonths(contractId, entries, people);
  await finish(() => addTotals(contractId, { inFlight: -1 }, { [PERIOD_ROWS_FIELD]: true }));
  return "built";
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
