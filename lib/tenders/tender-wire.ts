/**
 * The tender on the wire: what each reader sees of it.
 */
import { TIME_ZONE } from "../domain/amsterdam-time.js";
import type {
  InternalTenderResponse,
  PublicTenderResponse,
  TenderResponse,
} from "../schemas/responses/tenders.js";
import { fitOf, thresholdDate } from "./procedure-rules.js";
import { deadlineLocal, type Lot, phaseOf, type Tender } from "./tenders.js";

type StateView = Pick<Lot, "evaluation" | "intendedAward" | "award">;

const internalState = ({ evaluation, intendedAward, award }: StateView) => ({
  evaluation: evaluation
    ? {
        at: evaluation.at,
        by: evaluation.by,
        inputDigest: evaluation.inputDigest,
        engineVersion: evaluation.engineVersion,
      }
    : null,
  intendedAward,
  award,
});

const publicAward = ({ award }: Pick<StateView, "award">) =>
  award && { at: award.at, bidId: award.bidId, value: award.value ?? null };

const bidderState = ({ evaluation, intendedAward, award }: StateView) => ({
  evaluation: evaluation && {
    at: evaluation.at,
    inputDigest: evaluation.inputDigest,
    engineVersion: evaluation.engineVersion,
  },
  intendedAward: intendedAward && {
    bidId: intendedAward.bidId,
    rank: intendedAward.rank,
    reason: intendedAward.reason,
    at: intendedAward.at,
    standstillEndsAt: intendedAward.standstillEndsAt,
    finalAwardPossibleFrom: intendedAward.finalAwardPossibleFrom,
    ...(intendedAward.passedOver ? { passedOver: intendedAward.passedOver } : {}),
  },
  award: publicAward({ award }),
});

const publicState = (state: StateView) => ({
  evaluation: null,
  intendedAward: null,
  award: publicAward(state),
});

/** Each lot with its state as `state` shows it. */
const lotsWith = <S>(lots: Lot[], state: (lot: Lot) => S) =>
  lots.map((lot) => ({
    id: lot.id,
    title: lot.title,
    estimatedValue: lot.estimatedValue,
    awardModel: lot.awardModel,
    status: lot.status,
    ...state(lot),
  }));

/**
 * Who reads a tender decides what it shows (lib/tenders/disclosure.ts picks the view):
 * - "internal": the buying officers, the region's auditors, admins — everything, with who did what;
 * - "bidder": a supplier with a submitted bid — the intended award (winner, rank, reason) and the
 *   evaluation's digest, but no officer's subject id;
 * - "public": any other supplier — what a published award notice shows, once the award is final
 *   (the winner and the awarded value); nothing of the evaluation, no subject ids.
 * No view carries the evaluation's storage key.
 */
export type TenderView = "internal" | "bidder" | "public";

export function tenderToWire(tender: Tender, now: Date): InternalTenderResponse;
export function tenderToWire(
  tender: Tender,
  now: Date,
  view: Exclude<TenderView, "bidder">,
): InternalTenderResponse | PublicTenderResponse;
export function tenderToWire(tender: Tender, now: Date, view: TenderView): TenderResponse;
export function tenderToWire(tender: Tender, now: Date, view: TenderView = "internal"): TenderResponse {
  const { evaluation: _evaluation, intendedAward: _intended, award: _award, lots, ...rest } = tender;
  const base: InternalTenderResponse = {
    ...rest,
    ...internalState(tender),
    lots: lotsWith(lots, internalState),
    submissionDeadlineLocal: deadlineLocal(tender),
    timeZone: TIME_ZONE,
    phase: phaseOf(tender, now),
    aboveEuThreshold: fitOf(tender, thresholdDate(tender, now)).eu.above,
  };
  if (view === "internal") return base;
  const { createdBy: _createdBy, ...anonymous } = base;
  return {
    ...anonymous,
    published: tender.published && { at: tender.published.at, tables: tender.published.tables },
    cancellation: tender.cancellation && { reason: tender.cancellation.reason, at: tender.cancellation.at },
    ...(view === "bidder"
      ? {
          opened: tender.opened && { at: tender.opened.at, bidCount: tender.opened.bidCount },
          ...bidderState(tender),
          lots: lotsWith(lots, bidderState),
        }
      : {
          opened: tender.opened && { at: tender.opened.at },
          ...publicState(tender),
          lots: lotsWith(lots, publicState),
        }),
  };
}
