/**
 * Every stored item type, by its key layout: the table's map. Each stored item has exactly one
 * owner here (a test reads a fixture of stored items through it).
 */
import type { Entity } from "../store/entity.js";
import { auditClaimEntity, auditEventEntity } from "./audit-event.js";
import { backfillCheckpointEntity } from "./backfill-checkpoint.js";
import { baseAmountEntity } from "./base-amount.js";
import { bidderCountEntity, bidEntity } from "./bid.js";
import { catalogueEntity } from "./catalogue.js";
import { candidateClaimEntity, fteClaimEntity } from "./claims.js";
import { commitmentEntity } from "./commitment.js";
import { committeeScoresEntity } from "./committee-scores.js";
import { consoleSessionEntity } from "./console-session.js";
import { contractEntity } from "./contract.js";
import { contractPointerEntity } from "./contract-pointer.js";
import { entryEntity } from "./entry.js";
import { evaluationEntity } from "./evaluation.js";
import { idempotencyRecordEntity } from "./idempotency-record.js";
import { jobEntity } from "./job.js";
import { obligationEntity } from "./obligation.js";
import { organisationEntity } from "./organisation.js";
import { personEntity } from "./person.js";
import { poolGuardEntity, poolTransferEntity } from "./pool-transfer.js";
import { policyEntity } from "./policy.js";
import { referenceTableEntities } from "./reference-table.js";
import { regionEntity } from "./region.js";
import { pdfDigestEntity, reportCounterEntity, reportEntity, reportNumberClaimEntity } from "./report.js";
import { retentionPlanEntity } from "./retention-plan.js";
import { scoreCorrectionEntity } from "./score-correction.js";
import { seedStepEntity } from "./seed-step.js";
import { tenderEntity } from "./tender.js";
import { tenderReferenceEntity } from "./tender-reference.js";
import { monthTotalsEntity } from "./month-totals.js";
import { blockTotalsEntity, totalsEntity } from "./totals.js";

export const STORED_ENTITIES: readonly Entity<unknown>[] = [
  regionEntity,
  organisationEntity,
  ...Object.values(referenceTableEntities),
  catalogueEntity,
  policyEntity,
  tenderEntity,
  tenderReferenceEntity,
  bidEntity,
  bidderCountEntity,
  committeeScoresEntity,
  evaluationEntity,
  scoreCorrectionEntity,
  contractEntity,
  contractPointerEntity,
  obligationEntity,
  commitmentEntity,
  baseAmountEntity,
  entryEntity,
  candidateClaimEntity,
  fteClaimEntity,
  personEntity,
  poolTransferEntity,
  poolGuardEntity,
  totalsEntity,
  blockTotalsEntity,
  monthTotalsEntity,
  retentionPlanEntity,
  auditEventEntity,
  auditClaimEntity,
  idempotencyRecordEntity,
  seedStepEntity,
  backfillCheckpointEntity,
  jobEntity,
  reportEntity,
  reportCounterEntity,
  reportNumberClaimEntity,
  pdfDigestEntity,
  consoleSessionEntity,
];
