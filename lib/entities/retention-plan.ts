/**
 * Retention plan: CONTRACT#<id> / RETENTION-PLAN, a retention run's mapping of candidate references to
 * neutral names, kept from before its first change until its end.
 */
import * as z from "zod";
import { entity } from "../store/entity.js";
import { contractPartition } from "./contract.js";

export const retentionPlanEntity = entity(
  "retention plan",
  { pk: "CONTRACT#<contractId>", sk: "RETENTION-PLAN" },
  {
    mapping: z.record(z.string(), z.string()),
  },
);

export const retentionPlanKey = (contractId: string) => ({
  pk: contractPartition(contractId),
  sk: "RETENTION-PLAN",
});
