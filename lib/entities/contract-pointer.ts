/**
 * A region's pointer to one of its contracts: REGION#<region>#CONTRACTS / <contractId>. The auditors'
 * contract list and the review-queue backfill read a region's contracts through them.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import type { AccessPattern } from "../store/entity.js";

export const contractPointerEntity = entity(
  "region contract pointer",
  { pk: "REGION#<regionId>#CONTRACTS", sk: "<contractId>" },
  {
    contractId: z.string(),
    buyerId: z.string(),
    supplierId: z.string(),
    startDate: z.string(),
    endDate: z.string(),
  },
);

/** A municipality's contract reference is unique: the contract id derives from it. */
export const regionContractPointerKey = (regionId: string, contractId: string) => ({
  pk: `REGION#${regionId}#CONTRACTS`,
  sk: contractId,
});

export const contractPointerQueries = {
  /** The contracts of one region, by contract id. */
  ofRegion: (regionId: string): AccessPattern => ({ pk: `REGION#${regionId}#CONTRACTS` }),
};
