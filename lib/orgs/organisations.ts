import { appendAudit } from "../audit/audit.js";
import { Forbidden, InvalidInput, NotFound } from "../domain/errors.js";
import type { OrgKind } from "../domain/orgs.js";
import { withArticle } from "../domain/words.js";
import type { Operation, Role } from "../operation.js";
import {
  organisationEntity,
  organisationIndexKeys,
  organisationKey,
  organisationQueries,
} from "../entities/organisation.js";
import { regionEntity, regionIndexKeys, regionKey, regionQueries } from "../entities/region.js";
import type { OrganisationResponse, RegionResponse } from "../schemas/responses/orgs.js";
import { containerCache } from "../store/container-cache.js";
import { createOnce, getItem, publicFields, updateVersioned } from "../store/ops.js";
import { type Page, queryAll, queryPage } from "../store/paging.js";
import type { Item } from "../store/ops.js";

export { ORG_KINDS, type OrgKind } from "../domain/orgs.js";

/** Which organisation a role acts for (an officer of a supplier organisation is refused). */
export const ORG_KIND_OF_ROLE: Record<Role, OrgKind> = {
  officer: "municipality",
  supplier: "supplier",
  auditor: "region-body",
  admin: "operator",
};

export type Region = RegionResponse;
export type Organisation = OrganisationResponse;

const requireAdmin = (op: Operation) => {
  if (op.actor.role !== "admin")
    throw new Forbidden("Only an operator's admin manages regions and organisations.");
};

export async function getRegion(id: string): Promise<Region | undefined> {
  const item = await getItem(regionKey(id));
  return item ? publicFields<Region>(regionEntity.read(item)) : undefined;
}

export async function getOrganisation(id: string): Promise<Organisation | undefined> {
  const item = await getItem(organisationKey(id));
  return item ? publicFields<Organisation>(organisationEntity.read(item)) : undefined;
}

/**
 * How long a container trusts an organisation's record when it authenticates a request. What access
 * depends on (its kind and region) never changes once created, and the role comes from the token on
 * every request; only a renamed organisation's name may show late, by at most this (at once in the
 * container that renamed it). An organisation that does not exist is looked up again every time.
 */
export const ORGANISATION_TTL_MS = 30_000;
const organisationCache = containerCache<Organisation | undefined>(ORGANISATION_TTL_MS);

/** getOrganisation as this container read it at most ORGANISATION_TTL_MS ago (authentication). */
export function recentOrganisation(id: string): Promise<Organisation | undefined> {
  return organisationCache.get(id, () => getOrganisation(id));
}

export async function createRegion(
  op: Operation,
  input: { id?: string | undefined; name: string },
): Promise<Region> {
  requireAdmin(op);
  const region: Region = {
    id: input.id ?? op.id("region"),
    name: input.name,
    createdAt: op.now.toISOString(),
    version: 1,
  };
  await createOnce(
    { ...regionKey(region.id), ...regionIndexKeys(region.id), lastOpId: op.opId, ...region },
    `Region ${region.id}`,
  );
  await appendAudit(op, {
    entityType: "region",
    entityId: region.id,
    action: "region.created",
    after: region,
    regionId: region.id,
    once: "created",
  });
  return region;
}

/** The impact fields (lib/domain/impact/README.md, "Organisations"): which kind of organisation carries each. */
const IMPACT_FIELDS_OF: Record<keyof ImpactFields, OrgKind> = {
  cbsCode: "municipality",
  postcode: "supplier",
  municipalityCbsCode: "supplier",
  sizeClass: "supplier",
  sbiCode: "supplier",
  socialEnterprise: "supplier",
};

type ImpactFields = Pick<
  Organisation,
  "cbsCode" | "postcode" | "municipalityCbsCode" | "sizeClass" | "sbiCode" | "socialEnterprise"
>;

/** The impact fields given in a request; any for another kind of organisation is a 400 naming it. */
function impactFieldsOf(
  kind: OrgKind,
  input: Partial<Record<keyof ImpactFields, unknown>>,
): Partial<ImpactFields> {
  const out: Partial<Record<keyof ImpactFields, unknown>> = {};
  const errors = [];
  for (const [field, owner] of Object.entries(IMPACT_FIELDS_OF) as [keyof ImpactFields, OrgKind][]) {
    const value = input[field];
    if (value === undefined) continue;
    if (value !== null && kind !== owner)
      errors.push({
        path: field,
        message: `only ${owner === "supplier" ? "suppliers" : "municipalities"} carry it`,
      });
    out[field] = value;
  }
  if (errors.length) throw new InvalidInput(errors);
  return out as Partial<ImpactFields>;
}

export interface NewOrganisation extends Partial<Record<keyof ImpactFields, unknown>> {
  id?: string | undefined;
  kind: OrgKind;
  name: string;
  regionId?: string | undefined;
  kvk?: string | undefined;
}

export async function createOrganisation(op: Operation, input: NewOrganisation): Promise<Organisation> {
  requireAdmin(op);
  const needsRegion = input.kind === "municipality" || input.kind === "region-body";
  const errors = [];
  if (needsRegion && !input.regionId)
    errors.push({ path: "regionId", message: `${withArticle(input.kind)} belongs to a region` });
  if (!needsRegion && input.regionId)
    errors.push({ path: "regionId", message: `${withArticle(input.kind)} has no region` });
  if (input.kind === "supplier" && !input.kvk)
    errors.push({ path: "kvk", message: "a supplier has a KvK number" });
  if (input.kind !== "supplier" && input.kvk)
    errors.push({ path: "kvk", message: "only suppliers have a KvK number here" });
  if (errors.length) throw new InvalidInput(errors);
  const impact = impactFieldsOf(input.kind, input);
  if (input.regionId && !(await getRegion(input.regionId))) {
    throw new InvalidInput([{ path: "regionId", message: "no such region" }]);
  }
  const org: Organisation = {
    id: input.id ?? op.id("organisation"),
    kind: input.kind,
    name: input.name,
    regionId: input.regionId ?? null,
    kvk: input.kvk ?? null,
    cbsCode: impact.cbsCode ?? null,
    postcode: impact.postcode ?? null,
    municipalityCbsCode: impact.municipalityCbsCode ?? null,
    sizeClass: impact.sizeClass ?? null,
    sbiCode: impact.sbiCode ?? null,
    socialEnterprise: impact.socialEnterprise ?? null,
    createdAt: op.now.toISOString(),
    version: 1,
  };
  await createOnce(
    {
      ...organisationKey(org.id),
      ...organisationIndexKeys(org),
      lastOpId: op.opId,
      ...org,
    },
    `Organisation ${org.id}`,
  );
  await appendAudit(op, {
    entityType: "organisation",
    entityId: org.id,
    action: "organisation.created",
    after: org,
    regionId: org.regionId,
    once: "created",
  });
  return org;
}

/**
 * The suppliers registered with a KvK number (gsi3; usually one, the number is not unique by rule here:
 * establishments of one company may be registered apart).
 */
export async function suppliersWithKvk(kvk: string): Promise<Organisation[]> {
  const items = await queryAll<Item>(organisationQueries.byKvk(kvk));
  return organisationEntity
    .readAll(items)
    .map((i) => publicFields<Organisation>(i))
    .filter((org) => org.kind === "supplier");
}

export async function listRegions(page: {
  limit: number;
  cursor?: string | undefined;
}): Promise<Page<Region>> {
  const result = await queryPage({ ...regionQueries.all(), ...page });
  return {
    items: regionEntity.readAll(result.items).map((i) => publicFields<Region>(i)),
    nextCursor: result.nextCursor,
  };
}

export async function listOrganisations(filter: {
  kind?: OrgKind | undefined;
  regionId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}): Promise<Page<Organisation>> {
  const result = await queryPage({
    ...(filter.regionId
      ? organisationQueries.ofRegion(filter.regionId, filter.kind)
      : organisationQueries.all(filter.kind)),
    limit: filter.limit,
    cursor: filter.cursor,
  });
  return {
    items: organisationEntity.readAll(result.items).map((i) => publicFields<Organisation>(i)),
    nextCursor: result.nextCursor,
  };
}

export async function requireRegion(id: string): Promise<Region> {
  const region = await getRegion(id);
  if (!region) throw new NotFound("region");
  return region;
}

export interface OrganisationChange extends Partial<Record<keyof ImpactFields, unknown>> {
  name?: string | undefined;
  version: number;
}

/** An admin's change of an organisation's name or impact fields (null clears one). */
export async function updateOrganisation(
  op: Operation,
  id: string,
  change: OrganisationChange,
): Promise<Organisation> {
  requireAdmin(op);
  const before = await getOrganisation(id);
  if (!before) throw new NotFound("organisation");
  const { version, name, ...fields } = change;
  const set = { ...(name !== undefined ? { name } : {}), ...impactFieldsOf(before.kind, fields) };
  const after = publicFields<Organisation>(
    organisationEntity.read(await updateVersioned<Organisation>(organisationKey(id), version, set, op.opId)),
  );
  organisationCache.delete(id);
  await appendAudit(op, {
    entityType: "organisation",
    entityId: id,
    action: "organisation.updated",
    before,
    after,
    regionId: after.regionId,
    once: `v${after.version}`,
  });
  return after;
}
