import * as z from "zod";
import { ROLES } from "../../domain/orgs.js";
import { pageOf } from "../common.js";
import { organisationResponse } from "./orgs.js";
import { digestResponse } from "./scoring-result.js";

export const healthResponse = z.strictObject({
  status: z.literal("ok"),
  service: z.literal("impact-procurement"),
});

/** The verified caller: the region comes from the organisation's record, never from the token. */
export const meResponse = z.strictObject({
  sub: z.string(),
  role: z.enum(ROLES),
  organisation: organisationResponse,
  regionId: z.string().nullable(),
});

/** A SHA-256 of the entity's canonical JSON before or after the change; null where there is none. */
const digest = digestResponse.nullable();

export const auditEventResponse = z.strictObject({
  entity: z.string().describe("The entity reference <kind>:<id>, as in ?entity="),
  action: z.string().describe("<entity kind>.<verb>, e.g. bid.submitted"),
  at: z.iso.datetime(),
  actor: z.strictObject({ sub: z.string(), role: z.enum(ROLES), orgId: z.string() }),
  opId: z.string(),
  step: z.string(),
  regionId: z.string().nullable(),
  beforeDigest: digest,
  afterDigest: digest,
  summary: z.string().optional(),
});

export const auditPageResponse = pageOf(auditEventResponse);

export type AuditEventResponse = z.output<typeof auditEventResponse>;
export type MeResponse = z.output<typeof meResponse>;
