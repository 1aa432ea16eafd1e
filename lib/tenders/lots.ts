/**
 * A tender's lots as the use cases handle them: built from a create or PATCH body, looked up by id,
 * and changed one lot at a time (the tender's status follows its least advanced lot; the top-level
 * fields mirror the primary lot). The rules are lib/domain/lots.ts.
 */
import { InvalidInput, NotFound } from "../domain/errors.js";
import { DEFAULT_LOT, leastAdvanced, lotErrors, primaryLotId } from "../domain/lots.js";
import { centsFromMoney, toMoney } from "../domain/money.js";
import type { AwardModel } from "../domain/scoring/types.js";
import type { CreateTenderBody } from "../schemas/tenders.js";
import type { Lot, StoredLot, Tender, TenderWrite } from "./tenders.js";

const OPENED: readonly Tender["status"][] = ["opened", "evaluated", "award-intended", "awarded"];

/** The lot `lotId` of a tender; an unknown lot is a 404. */
export function lotOf(tender: Tender, lotId: string): Lot {
  const lot = tender.lots.find((l) => l.id === lotId);
  if (!lot) throw new NotFound("lot");
  return lot;
}

/** The lot a body's `lotId` names (default "1"); an unknown lot is a 400 naming the field. */
export function bodyLot(tender: Tender, lotId: string | undefined): Lot {
  const id = lotId ?? DEFAULT_LOT;
  const lot = tender.lots.find((l) => l.id === id);
  if (!lot) {
    throw new InvalidInput([
      {
        path: "body.lotId",
        message: `no lot "${id}" in this tender (its lots: ${tender.lots.map((l) => l.id).join(", ")})`,
      },
    ]);
  }
  return lot;
}

/** The stored form of lots: the primary lot's award model is the tender's top-level one (one copy). */
export function storedLots(lots: readonly Lot[]): StoredLot[] {
  const primary = primaryLotId(lots);
  return lots.map(({ awardModel, ...lot }) => (lot.id === primary ? lot : { ...lot, awardModel }));
}

const newLot = (
  id: string,
  title: string,
  estimatedValue: Lot["estimatedValue"],
  awardModel: AwardModel,
): Lot => ({
  id,
  title,
  estimatedValue,
  awardModel,
  status: null,
  evaluation: null,
  intendedAward: null,
  award: null,
});

/**
 * The lot fields of a draft after a create or PATCH body: with `lots`, the lots sent (the tender's
 * value their sum, its award model the primary lot's); without, one lot "1" of the tender's title,
 * value and award model. Refuses duplicate ids, too many lots or criteria, a cap above the number of
 * lots and a value that is not the lots' sum.
 */
export function lotFields(
  body: Partial<
    Pick<CreateTenderBody, "lots" | "maxLotsPerSupplier" | "estimatedValue" | "awardModel" | "title">
  >,
  before?: Tender,
): TenderWrite {
  const maxLotsPerSupplier =
    body.maxLotsPerSupplier !== undefined ? body.maxLotsPerSupplier : (before?.maxLotsPerSupplier ?? null);
  if (body.lots) {
    const lots = body.lots.map((l) => newLot(l.id, l.title, l.estimatedValue, l.awardModel as AwardModel));
    const errors = lotErrors(
      lots.map((l) => ({
        id: l.id,
        estimatedValueCents: centsFromMoney(l.estimatedValue),
        criteria: l.awardModel.criteria?.length ?? 0,
      })),
      maxLotsPerSupplier,
      body.estimatedValue && centsFromMoney(body.estimatedValue),
    );
    if (errors.length > 0) throw new InvalidInput(errors);
    const primary = lots.find((l) => l.id === primaryLotId(lots))!;
    return {
      lots: storedLots(lots),
      maxLotsPerSupplier,
      estimatedValue: toMoney(lots.reduce((sum, l) => sum + centsFromMoney(l.estimatedValue), 0)),
      awardModel: primary.awardModel,
    };
  }
  const capAbove = (count: number) => {
    if (maxLotsPerSupplier !== null && maxLotsPerSupplier > count)
      throw new InvalidInput([
        { path: "body.maxLotsPerSupplier", message: `at most the number of lots (${count})` },
      ]);
  };
  if (before && before.lots.length > 1) {
    // A PATCH without `lots` keeps a tender's lots; their values and models change with `lots`.
    const field =
      body.estimatedValue !== undefined ? "estimatedValue" : body.awardModel ? "awardModel" : null;
    if (field)
      throw new InvalidInput([
        { path: `body.${field}`, message: "the tender has lots: change them with `lots`" },
      ]);
    capAbove(before.lots.length);
    return body.maxLotsPerSupplier !== undefined ? { maxLotsPerSupplier } : {};
  }
  capAbove(1);
  // One lot: it is the tender's title, value and award model (today's tenders).
  const lot = newLot(
    before?.lots[0]?.id ?? DEFAULT_LOT,
    body.title ?? before!.title,
    body.estimatedValue ?? before!.estimatedValue,
    (body.awardModel as AwardModel | undefined) ?? before!.awardModel,
  );
  return { lots: storedLots([lot]), maxLotsPerSupplier };
}

/**
 * The write of a change to one lot: the lots, the tender's status (its least advanced lot's once the
 * bids are opened) and, for the primary lot, the top-level fields that mirror it.
 */
export function lotChange(
  tender: Tender,
  lotId: string,
  change: Partial<Pick<Lot, "status" | "evaluation" | "intendedAward" | "award">>,
): TenderWrite {
  const lots = tender.lots.map((l) => (l.id === lotId ? { ...l, ...change } : l));
  const statuses = lots.map((l) => l.status).filter((s) => s !== null);
  const write: TenderWrite = { lots: storedLots(lots) };
  if (OPENED.includes(tender.status) && statuses.length === lots.length)
    write.status = leastAdvanced(statuses);
  if (lotId === primaryLotId(lots)) {
    if (change.evaluation !== undefined) write.evaluation = change.evaluation;
    if (change.intendedAward !== undefined) write.intendedAward = change.intendedAward;
    if (change.award !== undefined) write.award = change.award;
  }
  return write;
}

/** Where a lot stands: the tender's status until its bids are opened or when it is cancelled, else the lot's. */
export const lotStatus = (tender: Pick<Tender, "status">, lot: Pick<Lot, "status">): Tender["status"] =>
  tender.status === "cancelled" || lot.status === null ? tender.status : lot.status;
