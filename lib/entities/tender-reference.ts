/**
 * Tender reference: TENDERREF#<reference> / TENDER#<id>, a pointer per tender to find tenders by the
 * buyer's own reference (two municipalities may use the same one).
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import { tenderPartition } from "./tender.js";

export const tenderReferenceEntity = entity(
  "tender reference",
  { pk: "TENDERREF#<reference>", sk: "TENDER#<tenderId>" },
  { tenderId: z.string() },
);

const referencePartition = (reference: string) => `TENDERREF#${reference}`;

export const tenderReferenceKey = (reference: string, id: string) => ({
  pk: referencePartition(reference),
  sk: tenderPartition(id),
});

export const tenderReferenceQueries = {
  /** The pointers of every tender with this reference. */
  byReference: (reference: string) => ({ pk: referencePartition(reference) }),
};
