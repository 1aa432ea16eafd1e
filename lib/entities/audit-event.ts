/**
 * Audit event: AUDIT#<entity ref> / <at>#<opId>#<step>   (append-only; a trail reads oldest first)
 * Transition claim: AUDIT-ONCE#<entity ref> / <transition>   (at most one event per entity and transition)
 */
import * as z from "zod";
import { ROLES } from "../domain/orgs.js";
import { entity } from "../store/entity.js";
import type { Key } from "../store/ops.js";

export const auditEventEntity = entity(
  "audit event",
  { pk: "AUDIT#<entity>", sk: "<at>#<opId>#<step>" },
  {
    entity: z.string(),
    action: z.string(),
    at: z.string(),
    actor: z.looseObject({ sub: z.string(), role: z.enum(ROLES), orgId: z.string() }),
    opId: z.string(),
    step: z.string(),
    regionId: z.string().nullable(),
    beforeDigest: z.string().nullable(),
    afterDigest: z.string().nullable(),
    summary: z.string().optional(),
  },
);

export const auditKey = (entity: string, at: string, opId: string, step: string) => ({
  pk: `AUDIT#${entity}`,
  sk: `${at}#${opId}#${step}`,
});

/** Whether an item (or key) is an audit event (of any entity). */
export const isAuditEvent = (item: Partial<Key> | undefined) => item?.pk?.startsWith("AUDIT#") === true;

export const auditQueries = {
  /** One entity's trail, oldest first. */
  ofEntity: (entity: string) => ({ pk: `AUDIT#${entity}` }),
};

/** The operation that recorded a one-time transition of an entity. */
export const auditClaimEntity = entity(
  "audit transition claim",
  { pk: "AUDIT-ONCE#<entity>", sk: "<transition>" },
  { opId: z.string() },
);

export const auditClaimKey = (entity: string, transition: string) => ({
  pk: `AUDIT-ONCE#${entity}`,
  sk: transition,
});
