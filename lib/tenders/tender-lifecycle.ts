/**
 * A tender's officer-driven lifecycle: create and edit a draft, publish it (award model validated
 * and frozen), cancel it.
 */
import { appendAudit } from "../audit/audit.js";
import { Conflict, InvalidInput, NotFound, RuleViolation } from "../domain/errors.js";
import { withArticle } from "../domain/words.js";
import { resolveAwardModel } from "../domain/scoring/engine.js";
import type { AwardModel } from "../domain/scoring/types.js";
import type { Operation } from "../operation.js";
import { loadTablesFor } from "../scoring/reference-tables.js";
import type { CreateTenderBody, UpdateTenderBody } from "../schemas/tenders.js";
import { createOnce, updateVersioned } from "../store/ops.js";
import { policyForDate } from "../sroi/rules.js";
import { amsterdamDate, parseDeadline } from "../domain/amsterdam-time.js";
import { publishedTenderIndexKeys, tenderIndexKeys, tenderKey } from "../entities/tender.js";
import type { TableUse } from "../domain/scoring/types.js";
import { primaryLotId } from "../domain/lots.js";
import { lotFields, storedLots } from "./lots.js";
import { DEFAULT_PROCEDURE } from "../domain/procurement/procedure.js";
import { refuseShortStandstill, refuseUnfitProcedure } from "./procedure-rules.js";
import { publicationIndexKeys } from "../entities/tender.js";
import { checkImpactReason } from "./impact-reason.js";
import { indexTenderReference, unindexTenderReference } from "./tender-references.js";
import {
  DEFAULT_STANDSTILL_DAYS,
  deadlineLocal,
  fromItem,
  loadOwnTender,
  type Tender,
  type TenderWrite,
} from "./tenders.js";

function fieldsOf(body: Partial<CreateTenderBody>) {
  const out: TenderWrite = {};
  if (body.reference !== undefined) out.reference = body.reference;
  if (body.title !== undefined) out.title = body.title;
  if (body.description !== undefined) out.description = body.description;
  if (body.cpvCode !== undefined) out.cpvCode = body.cpvCode;
  if (body.estimatedValue !== undefined) out.estimatedValue = body.estimatedValue;
  if (body.contractType !== undefined) out.contractType = body.contractType;
  if (body.labourShare !== undefined) out.labourShare = body.labourShare;
  if (body.contractPeriod !== undefined) out.contractPeriod = body.contractPeriod;
  if (body.submissionDeadline !== undefined) {
    out.submissionDeadline = parseDeadline(body.submissionDeadline).toISOString();
  }
  if (body.awardModel !== undefined) out.awardModel = body.awardModel as AwardModel;
  if (body.pricesSealedUntilQualityScored !== undefined) {
    out.pricesSealedUntilQualityScored = body.pricesSealedUntilQualityScored;
  }
  if (body.publishBidPrices !== undefined) out.publishBidPrices = body.publishBidPrices;
  if (body.standstillDays !== undefined) out.standstillDays = body.standstillDays;
  if (body.procedure !== undefined) out.procedure = body.procedure;
  if (body.algemeneTermijnenwet !== undefined) out.algemeneTermijnenwet = body.algemeneTermijnenwet;
  if (body.noImpactCriteriaReason !== undefined) out.noImpactCriteriaReason = body.noImpactCriteriaReason;
  return out;
}

function checkPeriod(tender: Pick<Tender, "contractPeriod">) {
  if (tender.contractPeriod.endDate < tender.contractPeriod.startDate) {
    throw new InvalidInput([
      { path: "body.contractPeriod.endDate", message: "the contract ends after it starts" },
    ]);
  }
}

export async function createTender(op: Operation, body: CreateTenderBody): Promise<Tender> {
  if (op.actor.role !== "officer" || !op.actor.regionId) throw new NotFound("municipality");
  const id = op.id("tender");
  const tender = {
    id,
    buyerId: op.actor.orgId,
    regionId: op.actor.regionId,
    description: null,
    labourShare: null,
    pricesSealedUntilQualityScored: false,
    publishBidPrices: false,
    standstillDays: DEFAULT_STANDSTILL_DAYS,
    procedure: DEFAULT_PROCEDURE,
    algemeneTermijnenwet: true,
    noImpactCriteriaReason: null,
    status: "draft",
    published: null,
    opened: null,
    evaluation: null,
    intendedAward: null,
    award: null,
    cancellation: null,
    createdAt: op.now.toISOString(),
    createdBy: op.actor.sub,
    version: 1,
    ...fieldsOf(body),
    ...lotFields(body),
  } as TenderWrite as Tender;
  checkPeriod(tender);
  refuseShortStandstill(tender, amsterdamDate(op.now), "body.standstillDays");
  await indexTenderReference(id, tender.reference);
  const stored = fromItem(
    await createOnce(
      {
        ...tenderKey(id),
        ...tenderIndexKeys(tender),
        lastOpId: op.opId,
        ...tender,
      },
      `Tender ${id}`,
    ),
  );
  await appendAudit(op, {
    entityType: "tender",
    entityId: id,
    action: "tender.created",
    after: stored,
    regionId: stored.regionId,
    summary: `draft ${stored.reference}`,
    once: "created",
  });
  return stored;
}

export async function updateDraft(op: Operation, id: string, body: UpdateTenderBody): Promise<Tender> {
  const before = await loadOwnTender(op, id);
  if (before.status !== "draft") {
    throw new Conflict(
      `${withArticle(before.status, true)} tender cannot be edited; only drafts can (the award model is frozen).`,
    );
  }
  const { version, ...changes } = body;
  const set = { ...fieldsOf(changes), ...lotFields(changes, before) };
  checkPeriod({ ...before, ...set });
  refuseShortStandstill({ ...before, ...set }, amsterdamDate(op.now), "body.standstillDays");
  const renamed = set.reference !== undefined && set.reference !== before.reference;
  if (renamed) await indexTenderReference(id, set.reference!);
  const after = fromItem(await updateVersioned(tenderKey(id), version, set, op.opId));
  if (renamed) await unindexTenderReference(id, before.reference);
  await appendAudit(op, {
    entityType: "tender",
    entityId: id,
    action: "tender.updated",
    before,
    after,
    regionId: after.regionId,
    once: `v${after.version}`,
  });
  return after;
}

/**
 * The social-return requirement comes from the region's policy or is stricter: the region's
 * catalogue, and (as a minimum) at least the policy's percentage.
 */
async function checkSocialReturnPolicy(
  tender: Tender,
  model: AwardModel,
  today: string,
  prefix = "awardModel",
) {
  const sr = model.socialReturn;
  if (!sr) return;
  let policy: Awaited<ReturnType<typeof policyForDate>>;
  try {
    policy = await policyForDate(tender.regionId, today);
  } catch (error) {
    if (error instanceof NotFound) return;
    throw error;
  }
  const errors = [];
  if (sr.catalogue.id !== policy.catalogueId) {
    errors.push({
      path: `${prefix}.socialReturn.catalogue.id`,
      message: `the region values social return with catalogue "${policy.catalogueId}"`,
    });
  }
  if (sr.mode === "minimum" && (sr.percentOfPrice ?? 0) < policy.percent) {
    errors.push({
      path: `${prefix}.socialReturn.percentOfPrice`,
      message: `the region's policy asks ${policy.percent} %; a tender may be stricter, not laxer`,
    });
  }
  if (errors.length > 0) {
    throw new RuleViolation(
      "social-return-below-policy",
      "The social-return requirement does not follow the region's policy.",
      errors,
    );
  }
}

/** An award model validated and pinned to the table versions in force today (a 422 naming its paths). */
async function freezeModel(model: AwardModel, prefix: string, today: string) {
  // Publishing freezes the newest versions: read them now, not as this container last did.
  const tables = await loadTablesFor(model, { fresh: true });
  try {
    return resolveAwardModel(model, tables, { asOf: today, prefix });
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    throw new RuleViolation(
      "award-model-invalid",
      "The draft's award model cannot be published.",
      error.errors,
    );
  }
}

const uniqueTables = (tables: TableUse[]) =>
  tables.filter(
    (t, i) => tables.findIndex((u) => u.kind === t.kind && u.id === t.id && u.version === t.version) === i,
  );

/**
 * Publishes a draft: the deadline must lie in the future; the award model is validated and frozen
 * with every table reference pinned to the version in force now (a missing version = the newest
 * version effective on today's Amsterdam date; one effective later is not pinned).
 */
export async function publishTender(op: Operation, id: string, expectedVersion?: number): Promise<Tender> {
  const before = await loadOwnTender(op, id);
  const version = expectedVersion ?? before.version;
  if (before.status !== "draft")
    throw new Conflict(`The tender is ${before.status}; only a draft can be published.`);
  if (Date.parse(before.submissionDeadline) <= op.now.getTime()) {
    throw new RuleViolation(
      "deadline-not-in-future",
      "The submission deadline must lie in the future to publish.",
      [
        {
          path: "submissionDeadline",
          message: `${deadlineLocal(before)} (Amsterdam time) has passed`,
        },
      ],
    );
  }
  const today = amsterdamDate(op.now);
  // Every lot's model is frozen; paths name the lot unless it is the primary (top-level) one.
  const primary = before.lots.findIndex((l) => l.id === primaryLotId(before.lots));
  const resolved: ReturnType<typeof resolveAwardModel>[] = [];
  for (const [i, lot] of before.lots.entries()) {
    const prefix = i === primary ? "awardModel" : `lots.${i}.awardModel`;
    resolved.push(await freezeModel(lot.awardModel, prefix, today));
    await checkSocialReturnPolicy(before, lot.awardModel, today, prefix);
  }
  // The value or the date may have changed since the draft was saved: the law is checked again.
  refuseUnfitProcedure(before, today);
  refuseShortStandstill(before, today, "standstillDays");
  checkImpactReason(before);
  const lots = before.lots.map((lot, i) => ({ ...lot, awardModel: resolved[i]!.model }));
  const tables = uniqueTables(resolved.flatMap((r) => r.tables));
  const set = {
    status: "published",
    awardModel: resolved[primary]!.model,
    lots: storedLots(lots),
    published: { at: op.now.toISOString(), by: op.actor.sub, tables },
    ...publishedTenderIndexKeys(before),
    ...publicationIndexKeys(before, op.now.toISOString()),
  };
  const after = fromItem(await updateVersioned(tenderKey(id), version, set, op.opId));
  await appendAudit(op, {
    entityType: "tender",
    entityId: id,
    action: "tender.published",
    before,
    after,
    regionId: after.regionId,
    summary: `tables ${tables.map((t) => `${t.id} ${t.version}`).join(", ") || "none"}`,
    once: `v${after.version}`,
  });
  return after;
}

export async function cancelTender(op: Operation, id: string, reason: string): Promise<Tender> {
  const before = await loadOwnTender(op, id);
  if (before.status === "awarded" || before.status === "cancelled") {
    throw new Conflict(`The tender is ${before.status} and cannot be cancelled.`);
  }
  const after = fromItem(
    await updateVersioned(
      tenderKey(id),
      before.version,
      { status: "cancelled", cancellation: { reason, at: op.now.toISOString(), by: op.actor.sub } },
      op.opId,
    ),
  );
  await appendAudit(op, {
    entityType: "tender",
    entityId: id,
    action: "tender.cancelled",
    before,
    after,
    regionId: after.regionId,
    summary: reason,
    once: `v${after.version}`,
  });
  return after;
}
