import type { OrgKind } from "../domain/orgs.js";
import { organisationEntity, organisationKey } from "../entities/organisation.js";
import type { Role } from "../operation.js";
import type { OrganisationResponse } from "../schemas/responses/orgs.js";
import { getItem, publicFields } from "../store/ops.js";

/**
 * One organisation, read: what every authenticated request needs (lib/http/auth.ts). Apart from the
 * other organisation use cases (lib/orgs/organisations.ts), so a function starts without their
 * regions and audit trail, which only the routes that use them load.
 */

export type Organisation = OrganisationResponse;

/** Which organisation a role acts for (an officer of a supplier organisation is refused). */
export const ORG_KIND_OF_ROLE: Record<Role, OrgKind> = {
  officer: "municipality",
  supplier: "supplier",
  auditor: "region-body",
  admin: "operator",
};

export async function getOrganisation(id: string): Promise<Organisation | undefined> {
  const item = await getItem(organisationKey(id));
  return item ? publicFields<Organisation>(organisationEntity.read(item)) : undefined;
}
