/**
 * The running totals of a synthetic contract, as the service's own pure functions compute them from its
 * entries: the contract's totals, its block rows, month rows and persons.
 */
import { totalsFromEntries } from "../../lib/domain/sroi/balance.js";
import type { Entry } from "../../lib/contracts/entries/model.js";
import { monthRowsFromEntries, personTicksFromEntries } from "../../lib/contracts/totals/months.js";
import { blockRowCounters, toBalanceEntry } from "../../lib/contracts/totals/recompute.js";
import { monthTotalsKey } from "../../lib/entities/month-totals.js";
import { personKey, personMonthField } from "../../lib/entities/person.js";
import { blockTotalsKey, totalsKey } from "../../lib/entities/totals.js";
import type { Item } from "../../lib/store/ops.js";

/** The stored items of one contract's entries and the running totals they make. */
export function totalsItems(contractId: string, entries: Entry[], now: string): Item[] {
  if (!entries.length) return [];
  const totals = totalsFromEntries(entries.map(toBalanceEntry));
  const blocks = [...new Map(entries.map((e) => [e.blockId, e])).values()];
  const items: Item[] = [
    {
      ...totalsKey(contractId),
      creditedCents: totals.creditedCents,
      pendingCents: totals.pendingCents,
      rejectedCents: totals.rejectedCents,
      submittedCount: totals.counts.submitted,
      acceptedCount: totals.counts.accepted,
      rejectedCount: totals.counts.rejected,
      inFlight: 0,
      pendingOnlyInFlight: 0,
      writes: 1,
      updatedAt: now,
      blockIds: new Set(blocks.map((b) => b.blockId)),
      periodRows: true,
    },
  ];
  for (const e of blocks) {
    const computed = totals.blocks.find((b) => b.blockId === e.blockId);
    items.push({
      ...blockTotalsKey(contractId, e.blockId),
      blockId: e.blockId,
      kind: e.kind,
      targetGroup: e.targetGroup,
      ...(computed
        ? blockRowCounters(computed)
        : { creditedCents: 0, pendingCents: 0, persons: 0, reportedTicks: 0, countedTicks: 0, fteUnits: 0 }),
    });
  }
  for (const row of monthRowsFromEntries(entries))
    items.push({
      ...monthTotalsKey(contractId, row.month, row.blockId),
      month: row.month,
      blockId: row.blockId,
      kind: row.kind,
      targetGroup: row.targetGroup,
      ...row.counters,
    });
  for (const person of personTicksFromEntries(entries))
    items.push({
      ...personKey(contractId, person.blockId, person.candidateRef),
      monthsTicks: [...person.byMonth.values()].reduce((a, b) => a + b, 0),
      ...Object.fromEntries([...person.byMonth].map(([month, ticks]) => [personMonthField(month), ticks])),
    });
  return items;
}
