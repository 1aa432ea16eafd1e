/**
 * Regional social-return rules as versioned data (see lib/domain/sroi/README.md): building-block
 * catalogues and obligation policies. A published version is immutable (created once, never
 * updated); a change is a new version; old versions stay readable. Auditors of a region manage its
 * rules. Stored as lib/entities/catalogue.ts and lib/entities/policy.ts.
 */
import { appendAudit } from "../audit/audit.js";
import { Forbidden, InvalidInput, NotFound } from "../domain/errors.js";
import { centsFromMoney, type Money, toMoney } from "../domain/money.js";
import {
  type Catalogue,
  catalogueInForce,
  validateCatalogue,
  validateCatalogueVersions,
} from "../domain/sroi/catalogue.js";
import { DEFAULT_MONTH_COUNTING } from "../domain/sroi/months.js";
import type { ObligationPolicy } from "../domain/sroi/obligation.js";
import { validatePolicy } from "../domain/sroi/obligation.js";
import type { Operation } from "../operation.js";
import {
  catalogueEntity,
  catalogueIndexKeys,
  catalogueKey,
  catalogueQueries,
} from "../entities/catalogue.js";
import { policyEntity, policyKey, policyQueries } from "../entities/policy.js";
import { requireRegion } from "../orgs/organisations.js";
import { containerCache, NEWEST_VERSION_TTL_MS } from "../store/container-cache.js";
import { createOnce, getItem, publicFields } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import type { PolicyResponse } from "../schemas/responses/sroi.js";

export interface StoredCatalogue extends Catalogue {
  regionId: string;
  publishedAt: string;
  publishedBy: string;
  note?: string;
}

export interface StoredPolicy extends ObligationPolicy {
  /** The policy's id is its region's id; versions count 1, 2, 3 … */
  id: string;
  regionId: string;
  version: number;
  catalogueId: string;
  effectiveFrom: string | null;
  publishedAt: string;
  publishedBy: string;
  note?: string;
}

const storedCatalogue = (item: unknown) => publicFields<StoredCatalogue>(catalogueEntity.read(item));
const storedPolicy = (item: unknown) => publicFields<StoredPolicy>(policyEntity.read(item));

/**
 * Immutable versions are cached per container (a Lambda's warm one); lists are read on every call,
 * except the scoring engine's list of a catalogue's versions (recentCatalogueVersions).
 */
const catalogueCache = containerCache<StoredCatalogue | undefined>(Number.POSITIVE_INFINITY);
const policyCache = containerCache<StoredPolicy | undefined>(Number.POSITIVE_INFINITY);
const catalogueLists = containerCache<StoredCatalogue[]>(NEWEST_VERSION_TTL_MS);

const requireRegionAuditor = (op: Operation, regionId: string) => {
  if (op.actor.role === "admin") return;
  if (op.actor.role !== "auditor" || op.actor.regionId !== regionId)
    throw new Forbidden("Only the region's auditors manage its social-return rules.");
};

export function getCatalogue(id: string, version: string): Promise<StoredCatalogue | undefined> {
  return catalogueCache.get(`${id}#${version}`, async () => {
    const item = await getItem(catalogueKey(id, version));
    return item ? storedCatalogue(item) : undefined;
  });
}

export async function requireCatalogue(id: string, version: string): Promise<StoredCatalogue> {
  const catalogue = await getCatalogue(id, version);
  if (!catalogue) throw new NotFound(`catalogue ${id} version ${version}`);
  return catalogue;
}

export async function catalogueVersions(id: string): Promise<StoredCatalogue[]> {
  return (await queryAll(catalogueQueries.versions(id))).map(storedCatalogue);
}

/**
 * The versions of catalogue `id` as this container read them at most NEWEST_VERSION_TTL_MS ago (or
 * now, `fresh`), for the scoring engine's newest version; one published here is seen at once.
 */
export function recentCatalogueVersions(id: string, { fresh = false } = {}): Promise<StoredCatalogue[]> {
  if (fresh) catalogueLists.delete(id);
  return catalogueLists.get(id, () => catalogueVersions(id));
}

/** The version of catalogue `id` in force on `date`; 422 when none is (the date predates every version). */
export async function catalogueForDate(id: string, date: string): Promise<StoredCatalogue> {
  const found = catalogueInForce(await catalogueVersions(id), date);
  if (!found)
    throw new InvalidInput([
      { path: "startDate", message: `no version of catalogue ${id} is in force on ${date}` },
    ]);
  return found;
}

/** One region's catalogue versions, or every region's: either way one query on an index. */
export async function listCatalogues(filter: {
  regionId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}): Promise<Page<StoredCatalogue>> {
  const page = await queryPage({
    ...(filter.regionId ? catalogueQueries.ofRegion(filter.regionId) : catalogueQueries.all()),
    ...filter,
  });
  return { items: page.items.map(storedCatalogue), nextCursor: page.nextCursor };
}

/** Publishes a catalogue version for the caller's region (admins: for `regionId`). */
export async function publishCatalogue(
  op: Operation,
  input: Catalogue & { note?: string | undefined },
  regionId = op.actor.regionId,
): Promise<StoredCatalogue> {
  if (!regionId) throw new Forbidden("Catalogues belong to a region.");
  requireRegionAuditor(op, regionId);
  await requireRegion(regionId);
  const errors = validateCatalogue(input);
  if (errors.length) throw new InvalidInput(errors);
  const existing = await catalogueVersions(input.id);
  if (existing.some((c) => c.regionId !== regionId))
    throw new Forbidden(`Catalogue ${input.id} belongs to another region; choose another id.`);
  const clash = validateCatalogueVersions([...existing.filter((c) => c.version !== input.version), input]);
  if (clash.length)
    throw new InvalidInput(clash.map((e) => ({ path: e.path.replace(/^\d+\./, ""), message: e.message })));
  const catalogue: StoredCatalogue = {
    id: input.id,
    version: input.version,
    name: input.name,
    source: input.source,
    incomplete: input.incomplete,
    ...(input.missing ? { missing: input.missing } : {}),
    effectiveFrom: input.effectiveFrom,
    blocks: input.blocks,
    regionId,
    publishedAt: op.now.toISOString(),
    publishedBy: op.actor.sub,
    ...(input.note ? { note: input.note } : {}),
  };
  await createOnce(
    {
      ...catalogueKey(catalogue.id, catalogue.version),
      ...catalogueIndexKeys(catalogue),
      lastOpId: op.opId,
      ...catalogue,
    },
    `Catalogue ${catalogue.id} version ${catalogue.version}`,
  );
  catalogueLists.delete(catalogue.id);
  await appendAudit(op, {
    entityType: "sroi-catalogue",
    entityId: `${catalogue.id}/${catalogue.version}`,
    action: "sroi-catalogue.published",
    after: catalogue,
    regionId,
    once: "created",
  });
  return catalogue;
}

export async function policyVersions(regionId: string): Promise<StoredPolicy[]> {
  return (await queryAll(policyQueries.versions(regionId))).map(storedPolicy);
}

export function getPolicy(regionId: string, version: number): Promise<StoredPolicy | undefined> {
  return policyCache.get(`${regionId}#${version}`, async () => {
    const item = await getItem(policyKey(regionId, version));
    return item ? storedPolicy(item) : undefined;
  });
}

/** The region's policy in force on `date` (effectiveFrom semantics as for catalogues). */
export async function policyForDate(regionId: string, date: string): Promise<StoredPolicy> {
  const versions = await policyVersions(regionId);
  const found = catalogueInForce(versions, date);
  if (!found) throw new NotFound(`social-return policy of region ${regionId} in force on ${date}`);
  return found;
}

export type PolicyInput = Omit<StoredPolicy, "id" | "regionId" | "version" | "publishedAt" | "publishedBy">;

export async function publishPolicy(
  op: Operation,
  regionId: string,
  input: PolicyInput,
): Promise<StoredPolicy> {
  requireRegionAuditor(op, regionId);
  await requireRegion(regionId);
  const errors = validatePolicy(input);
  if (errors.length) throw new InvalidInput(errors);
  const raw = policyEntity.readAll(await queryAll(policyQueries.versions(regionId)));
  const mine = raw.find((v) => v.lastOpId === op.opId);
  if (mine) {
    // A retried publish completes (its event too), never duplicates.
    const policy = publicFields<StoredPolicy>(mine);
    await auditPublished(op, policy);
    return policy;
  }
  const versions = raw.map((v) => publicFields<StoredPolicy>(v));
  if (!(await catalogueVersions(input.catalogueId)).length)
    throw new InvalidInput([{ path: "catalogueId", message: `no catalogue ${input.catalogueId}` }]);
  if (versions.some((v) => v.effectiveFrom === input.effectiveFrom))
    throw new InvalidInput([
      {
        path: "effectiveFrom",
        message: `another version already starts on ${input.effectiveFrom ?? "(beginning)"}`,
      },
    ]);
  const version = (versions.at(-1)?.version ?? 0) + 1;
  const policy: StoredPolicy = {
    ...input,
    id: regionId,
    regionId,
    version,
    publishedAt: op.now.toISOString(),
    publishedBy: op.actor.sub,
  };
  await createOnce(
    { ...policyKey(regionId, version), lastOpId: op.opId, ...policy },
    `Policy version ${version}`,
  );
  await auditPublished(op, policy);
  return policy;
}

const auditPublished = (op: Operation, policy: StoredPolicy) =>
  appendAudit(op, {
    entityType: "sroi-policy",
    entityId: `${policy.regionId}/${policy.version}`,
    action: "sroi-policy.published",
    after: policy,
    regionId: policy.regionId,
    once: "created",
  });

/** Wire form of a policy: money as {amount, currency}. */
export function policyToWire(policy: StoredPolicy): PolicyResponse {
  const { thresholdCents, capCents, ...rest } = policy;
  return {
    ...rest,
    // Versions stored before the counting options read as today's rules.
    monthCounting: policy.monthCounting ?? DEFAULT_MONTH_COUNTING,
    countingMaximumPer: policy.countingMaximumPer ?? "contract",
    allowPooling: policy.allowPooling ?? false,
    threshold: toMoney(thresholdCents),
    cap: capCents === null ? null : toMoney(capCents),
  };
}

export function policyFromWire<T extends { threshold: Money; cap: Money | null }>(
  body: T,
): Omit<T, "threshold" | "cap"> & { thresholdCents: number; capCents: number | null } {
  const { threshold, cap, ...rest } = body;
  return {
    ...rest,
    thresholdCents: centsFromMoney(threshold),
    capCents: cap === null ? null : centsFromMoney(cap),
  };
}
