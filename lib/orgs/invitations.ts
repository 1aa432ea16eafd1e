import { appendAudit } from "../audit/audit.js";
import { Forbidden, NotFound } from "../domain/errors.js";
import type { Operation, Role } from "../operation.js";
import { getOrganisation, ORG_KIND_OF_ROLE } from "./organisations.js";
import { userDirectory } from "./user-directory.js";

export interface Invitation {
  sub: string;
  email: string;
  role: Role;
  organisationId: string;
}

/** The one role that acts for an organisation of this kind (officer ↔ municipality, …). */
const roleOf = (kind: string): Role =>
  (Object.entries(ORG_KIND_OF_ROLE) as [Role, string][]).find(([, k]) => k === kind)![0];

/**
 * Invites a person to act for an organisation: an operator's admin only; the role follows from the
 * organisation's kind, so a token can never pair a role with the wrong kind of organisation. Recorded
 * in the organisation's trail (without the address: the user's id names them).
 */
export async function inviteUser(op: Operation, organisationId: string, email: string): Promise<Invitation> {
  if (op.actor.role !== "admin") throw new Forbidden("Only an operator's admin invites users.");
  const organisation = await getOrganisation(organisationId);
  if (!organisation) throw new NotFound("organisation");
  const role = roleOf(organisation.kind);
  const { sub } = await userDirectory().invite({ email, role, org: organisation.id });
  await appendAudit(op, {
    entityType: "organisation",
    entityId: organisation.id,
    action: "organisation.user-invited",
    after: { sub, role },
    regionId: organisation.regionId,
    summary: `user ${sub} invited as ${role}`,
  });
  return { sub, email, role, organisationId: organisation.id };
}
