/**
 * Who may obtain which regional report (issued or as live figures). The region's auditors: any scope in
 * their region. An officer: its own municipality, and contracts its municipality buys. A supplier: a
 * statement of its own contracts across every buyer of the region, and each of its contracts. Admins:
 * any, as they read any contract. Anything of another tenant — a region, a municipality, a supplier or a
 * contract the caller may not see — is 404, never revealing that it exists; a scope the caller's role
 * never obtains is 403.
 */
import { Forbidden, InvalidInput, NotFound } from "../domain/errors.js";
import type { ReportRequest } from "../domain/reports/model.js";
import { canSee, getStoredContract } from "../contracts/contract/access.js";
import type { Actor } from "../operation.js";
import { getOrganisation, getRegion } from "../orgs/organisations.js";

/** Which roles obtain each scope (within what they may see). */
const ROLES_OF_SCOPE: Record<ReportRequest["scope"], Actor["role"][]> = {
  region: ["auditor", "admin"],
  municipality: ["auditor", "officer", "admin"],
  supplier: ["auditor", "supplier", "admin"],
  contract: ["auditor", "officer", "supplier", "admin"],
};

/** Resolves when `actor` may obtain the report `request` asks for; throws 400, 403 or 404 otherwise. */
export async function authorizeReportScope(
  actor: Actor,
  request: Pick<ReportRequest, "regionId" | "scope" | "scopeId">,
): Promise<void> {
  const { regionId, scope, scopeId } = request;
  if ((scope === "region") !== (scopeId === null))
    throw new InvalidInput([
      {
        path: "scopeId",
        message:
          scope === "region" ? "a region report has no scopeId" : `a ${scope} report names its ${scope}`,
      },
    ]);
  // Officers and auditors belong to one region; suppliers work for buyers of any region.
  const regionVisible = actor.role === "admin" || actor.role === "supplier" || actor.regionId === regionId;
  if (!regionVisible || !(await getRegion(regionId))) throw new NotFound("region");
  if (!ROLES_OF_SCOPE[scope].includes(actor.role))
    throw new Forbidden(`A ${actor.role} does not obtain ${scope} reports.`);
  if (scope === "municipality") {
    const org = await getOrganisation(scopeId!);
    const mine = actor.role !== "officer" || actor.orgId === scopeId;
    if (org?.kind !== "municipality" || org.regionId !== regionId || !mine)
      throw new NotFound("municipality");
  } else if (scope === "supplier") {
    const org = await getOrganisation(scopeId!);
    const mine = actor.role !== "supplier" || actor.orgId === scopeId;
    if (org?.kind !== "supplier" || !mine) throw new NotFound("supplier");
  } else if (scope === "contract") {
    const contract = await getStoredContract(scopeId!);
    if (!contract || contract.regionId !== regionId || !canSee(actor, contract))
      throw new NotFound("contract");
  }
}
