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
import { createOnce, getItem, publicFields, updateVersioned } from "../store/ops.js";
import { type Page, queryPage } from "../store/paging.js";

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

export interface NewOrganisation {
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
  if (input.regionId && !(await getRegion(input.regionId))) {
    throw new InvalidInput([{ path: "regionId", message: "no such region" }]);
  }
  const org: Organisation = {
    id: input.id ?? op.id("organisation"),
    kind: input.kind,
    name: input.name,
    regionId: input.regionId ?? null,
    kvk: input.kvk ?? null,
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

export async function renameOrganisation(
  op: Operation,
  id: string,
  change: { name: string; version: number },
): Promise<Organisation> {
  requireAdmin(op);
  const before = await getOrganisation(id);
  if (!before) throw new NotFound("organisation");
  const after = publicFields<Organisation>(
    await updateVersioned<Organisation>(organisationKey(id), change.version, { name: change.name }, op.opId),
  );
  await appendAudit(op, {
    entityType: "organisation",
    entityId: id,
    action: "organisation.renamed",
    before,
    after,
    regionId: after.regionId,
    once: `v${after.version}`,
  });
  return after;
}
