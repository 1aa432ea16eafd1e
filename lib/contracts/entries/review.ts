/**
 * Review of a submitted entry: a conditional write (status = submitted), so an entry is reviewed once
 * and an accepted entry never changes (a correction is a new reversing entry).
 */
import { appendAudit } from "../../audit/audit.js";
import { Conflict, NotFound } from "../../domain/errors.js";
import type { Operation } from "../../operation.js";
import { addCounters } from "../../store/counters.js";
import { entryIndexKeys, entryKey, REVIEW_QUEUE_FIELDS, reviewQueueIndexKeys } from "../../entities/entry.js";
import { monthTotalsKey } from "../../entities/month-totals.js";
import { personKey, personMonthField, personTicksByMonth } from "../../entities/person.js";
import { blockTotalsKey } from "../../entities/totals.js";
import { setIf } from "../../store/ops.js";
import { requireReviewer, reviewBy } from "../contract/access.js";
import type { Contract } from "../contract/model.js";
import {
  acceptedBlockDeltas,
  blockMeta,
  changeTotals,
  inOrderOrUndone,
  negated,
  personsCrossing,
  requireSafe,
  ticksOf,
} from "../totals/change.js";
import { monthKeyOf, monthMeta, personsDeltasByMonth, reviewedMonthDeltas } from "../totals/months.js";
import { repairIfStale } from "../totals/repair.js";
import { releaseClaims } from "./claims.js";
import type { Entry, EntryStatus } from "./model.js";
import { getStoredEntry, loadEntry } from "./read.js";
import { requireCompletedUpload } from "./upload/index.js";
import { markApplied } from "./write.js";

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
  requireReviewer(op, contract, entry.submittedByOrg, "entries");
  await requireCompletedUpload(contractId, entryId);
  const status: EntryStatus = input.decision === "accept" ? "accepted" : "rejected";
  const review = reviewBy(op, input);
  // A retry of this review gets it back; a reviewed entry is refused before anything is written.
  if ((entry as Entry & { reviewOpId?: string }).reviewOpId === op.opId) return entry;
  if (entry.status !== "submitted") throw alreadyReviewed(entry);
  await repairIfStale(op, contract);
  const reviewed: Entry = { ...entry, status, review };
  await applyReview(op, contract, entry, reviewed);
  // A rejected entry, or an accepted reversal, frees the candidate's period for a corrected entry.
  if (status === "rejected") await releaseClaims(op, entry);
  if (status === "accepted" && entry.reverses) {
    const original = await getStoredEntry(contractId, entry.reverses);
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

const alreadyReviewed = (current: Entry | undefined) =>
  current
    ? new Conflict(
        `The entry is already ${current.status}; an accepted entry is never changed (submit a reversal).`,
      )
    : new NotFound("entry");

/** What a review moves in the running totals: pending to credited or rejected. */
function reviewDeltas(entry: Entry, reviewed: Entry) {
  const accepted = reviewed.status === "accepted";
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
  const month = reviewedMonthDeltas(entry, accepted);
  const months = accepted && entry.candidateRef ? Number(ticksOf(entry.reportedMonths)) : 0;
  requireSafe(block, totals, month, { months });
  return { accepted, block, totals, month, months };
}

/**
 * The review's writes as one totals change: the entry's status (conditional on still submitted), the
 * candidate's person marker, the block row, the entry's month row, then TOTALS. The status write also moves the entry's status
 * index keys and takes it out of the review queue, so no list shows it under its old status.
 */
async function applyReview(op: Operation, contract: Contract, entry: Entry, reviewed: Entry) {
  const { contractId } = entry;
  const { accepted, block, totals, month, months } = reviewDeltas(entry, reviewed);
  const key = entryKey(contractId, entry.id);
  const blockKey = blockTotalsKey(contractId, entry.blockId);
  const monthKey = monthKeyOf(entry);
  const personsKey = personKey(contractId, entry.blockId, entry.candidateRef ?? "");
  const { status, review } = reviewed;
  const { month: entryMonth } = monthMeta(entry);
  let persons = 0;
  /** Persons deltas of the month rows (of this entry's month and later ones), from the person marker. */
  let monthPersons = new Map<string, number>();
  const personsIn = (m: string) => monthPersons.get(m) ?? 0;
  const laterMonths = () => [...monthPersons.keys()].filter((m) => m !== entryMonth).sort();
  const laterRow = (m: string) => monthTotalsKey(contractId, m, entry.blockId);
  await changeTotals(op, contractId, accepted ? "credit" : "pending-only", {
    blocks: [entry.blockId],
    before: [
      {
        run: async () => {
          if (
            !(await setIf(
              key,
              { status, review, totals: "pending", reviewOpId: op.opId, ...entryIndexKeys(reviewed) },
              { status: "submitted" },
              REVIEW_QUEUE_FIELDS,
            ))
          )
            throw alreadyReviewed(await getStoredEntry(contractId, entry.id));
        },
        undo: () =>
          setIf(
            key,
            {
              status: "submitted",
              review: null,
              totals: entry.totals,
              reviewOpId: null,
              ...entryIndexKeys(entry),
              ...reviewQueueIndexKeys(contract, entry),
            },
            { reviewOpId: op.opId },
          ),
      },
      ...(months
        ? [
            {
              run: async () => {
                const marker = await addCounters(personsKey, {
                  monthsTicks: months,
                  [personMonthField(entryMonth)]: months,
                });
                persons = personsCrossing(marker, months);
                monthPersons = personsDeltasByMonth(personTicksByMonth(marker), entryMonth, months);
              },
              undo: () =>
                addCounters(personsKey, { monthsTicks: -months, [personMonthField(entryMonth)]: -months }),
            },
          ]
        : []),
      {
        run: () => addCounters(blockKey, { ...block, persons }, blockMeta(reviewed)),
        undo: () => addCounters(blockKey, negated({ ...block, persons })),
      },
      {
        run: () => addCounters(monthKey, { ...month, persons: personsIn(entryMonth) }, monthMeta(reviewed)),
        undo: () => addCounters(monthKey, negated({ ...month, persons: personsIn(entryMonth) })),
      },
      // An earlier month's acceptance can move where the candidate starts (or stops) counting.
      {
        run: () =>
          inOrderOrUndone(
            laterMonths().map((m) => ({
              run: () =>
                addCounters(laterRow(m), { persons: personsIn(m) }, { ...monthMeta(reviewed), month: m }),
              undo: () => addCounters(laterRow(m), { persons: -personsIn(m) }),
            })),
          ),
        undo: async () => {
          for (const m of laterMonths().reverse()) await addCounters(laterRow(m), { persons: -personsIn(m) });
        },
      },
    ],
    totals,
    after: [{ run: () => markApplied(reviewed) }],
  });
}
