/**
 * Loads what the OCDS export of one tender needs, for anyone (the route is public): a tender that was
 * never published does not exist here (404). Reads only what the mapping may publish at this moment:
 * bids once the submission deadline has passed, evaluations of evaluated lots, the contract of each
 * finally awarded lot.
 */
import { NotFound } from "../domain/errors.js";
import { getStoredContract } from "../contracts/contract/access.js";
import type { Contract } from "../contracts/contract/model.js";
import { tenderKey } from "../entities/tender.js";
import { getOrganisation } from "../orgs/organisations.js";
import { getItem, publicFields } from "../store/ops.js";
import { submittedBids } from "../tenders/bids.js";
import { latestEvaluation } from "../tenders/evaluation.js";
import { deadlinePassed, fromItem, type Lot, type Tender } from "../tenders/tenders.js";
import { type ImplementationSource, noImplementation } from "./implementation.js";
import type { LotProcess, PartyOrganisation, TenderProcess } from "./process.js";

/** A published tender (cancelled after publication too); a draft, or no tender, is a 404. */
export async function loadPublishedTender(tenderId: string): Promise<Tender> {
  const item = await getItem(tenderKey(tenderId));
  const tender = item ? fromItem(item) : undefined;
  if (!tender?.published) throw new NotFound("tender");
  return tender;
}

async function loadLot(
  tender: Tender,
  lot: Lot,
  now: Date,
  implementation: ImplementationSource,
): Promise<LotProcess> {
  const bids = deadlinePassed(tender, now) ? await submittedBids(tender.id, lot.id) : [];
  const evaluation = lot.evaluation ? await latestEvaluation(tender, lot.id) : null;
  const stored = lot.award ? await getStoredContract(lot.award.contractId) : undefined;
  const contract = stored ? publicFields<Contract>(stored) : undefined;
  const implemented = contract ? await implementation(contract, now) : undefined;
  return {
    bids: bids.map((b) => ({
      bidId: b.bidId,
      supplierId: b.supplierId,
      submittedAt: b.submittedAt,
      price: b.content.price,
    })),
    evaluation: evaluation && {
      at: evaluation.at,
      method: evaluation.result.method,
      ranking: evaluation.result.ranking,
    },
    contract: contract ? { contract, ...(implemented ? { implementation: implemented } : {}) } : null,
  };
}

async function partyOrganisation(id: string): Promise<PartyOrganisation> {
  const org = await getOrganisation(id);
  return { id, name: org?.name ?? id, kvk: org?.kvk ?? null };
}

/** The process of a published tender as of `now`, for tenderReleasePackage. */
export async function loadTenderProcess(
  tenderId: string,
  now: Date,
  options: { implementation?: ImplementationSource } = {},
): Promise<TenderProcess> {
  const tender = await loadPublishedTender(tenderId);
  const implementation = options.implementation ?? noImplementation;
  const lots = await Promise.all(tender.lots.map((lot) => loadLot(tender, lot, now, implementation)));
  // The buyer always; bidders only where a lot's final award names them.
  const ids = new Set([tender.buyerId]);
  tender.lots.forEach((lot, i) => {
    if (lot.award) for (const bid of lots[i]!.bids) ids.add(bid.supplierId);
  });
  const organisations = await Promise.all([...ids].map(partyOrganisation));
  return {
    tender,
    organisations: Object.fromEntries(organisations.map((o) => [o.id, o])),
    lots: Object.fromEntries(tender.lots.map((lot, i) => [lot.id, lots[i]!])),
  };
}
