/**
 * What a reader may see of a tender: the view follows from the reader's role and, for a supplier,
 * whether it has a submitted bid (see tenderToWire for what each view shows).
 */
import type { Actor } from "../operation.js";
import { bidEntity, bidKey } from "../entities/bid.js";
import { getItem } from "../store/ops.js";
import { bidIdFor } from "../domain/lots.js";
import { findTendersByReference } from "./tender-references.js";
import { type TenderView, tenderToWire } from "./tender-wire.js";
import { listTenders, loadTender, type Tender } from "./tenders.js";
import type { TenderPageResponse, TenderResponse } from "../schemas/responses/tenders.js";
import type { ListTendersQuery } from "../schemas/tenders.js";

/** A supplier with a submitted bid on any lot reads the bidder view. */
export async function viewOf(actor: Actor, tender: Tender): Promise<TenderView> {
  if (actor.role !== "supplier") return "internal";
  for (const lot of tender.lots) {
    const item = await getItem(bidKey(tender.id, bidIdFor(actor.orgId, lot.id), lot.id));
    if (item && bidEntity.read(item).status === "submitted") return "bidder";
  }
  return "public";
}

/** GET /v1/tenders/{id} for any role. */
export async function readTender(actor: Actor, id: string, now: Date): Promise<TenderResponse> {
  const tender = await loadTender(actor, id);
  return tenderToWire(tender, now, await viewOf(actor, tender));
}

/**
 * GET /v1/tenders: officers list their own municipality's tenders in full; suppliers get the public
 * view of every published tender (a bidder reads its intended award on the tender itself).
 */
export async function listTenderViews(
  actor: Actor,
  query: ListTendersQuery,
  now: Date,
): Promise<TenderPageResponse> {
  const { reference, ...page } = query;
  const result = reference
    ? await findTendersByReference(actor, reference, page)
    : await listTenders(actor, page);
  const view: Exclude<TenderView, "bidder"> = actor.role === "officer" ? "internal" : "public";
  return { items: result.items.map((t) => tenderToWire(t, now, view)), nextCursor: result.nextCursor };
}
