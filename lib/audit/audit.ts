import { Forbidden } from "../domain/errors.js";
import { digestOf, type Operation } from "../operation.js";
import { getItem, type Page, putIfAbsent, queryPage } from "../store/ops.js";

export interface AuditEvent {
  entity: string;
  action: string;
  at: string;
  actor: { sub: string; role: string; orgId: string };
  opId: string;
  step: string;
  regionId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  summary?: string;
}

export interface AuditInput {
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  /** The region the entity belongs to, so a region's auditors can read it. */
  regionId: string | null;
  summary?: string;
  /** Distinguishes several events of one operation; defaults to the action. */
  step?: string;
}

export const entityRef = (entityType: string, entityId: string) => `${entityType}:${entityId}`;

const auditKey = (entity: string, at: string, opId: string, step: string) => ({
  pk: `AUDIT#${entity}`,
  sk: `${at}#${opId}#${step}`,
});

/**
 * Whether an operation has recorded this event. An operation whose last step is its audit event is
 * complete exactly when the event exists.
 */
export async function auditRecorded(
  op: Pick<Operation, "opId" | "now">,
  input: Pick<AuditInput, "entityType" | "entityId" | "action" | "step">,
): Promise<boolean> {
  const entity = entityRef(input.entityType, input.entityId);
  return (
    (await getItem(auditKey(entity, op.now.toISOString(), op.opId, input.step ?? input.action))) !== undefined
  );
}

/**
 * Appends an immutable audit event as a step of the operation. Its key derives from the operation's
 * id, clock and step, so a retried operation writes it once — or completes it if the first try died.
 */
export async function appendAudit(op: Operation, input: AuditInput): Promise<AuditEvent> {
  const entity = entityRef(input.entityType, input.entityId);
  const step = input.step ?? input.action;
  const at = op.now.toISOString();
  const event: AuditEvent = {
    entity,
    action: input.action,
    at,
    actor: { sub: op.actor.sub, role: op.actor.role, orgId: op.actor.orgId },
    opId: op.opId,
    step,
    regionId: input.regionId,
    beforeDigest: input.before === undefined ? null : digestOf(input.before),
    afterDigest: input.after === undefined ? null : digestOf(input.after),
    ...(input.summary ? { summary: input.summary } : {}),
  };
  await putIfAbsent({ ...auditKey(entity, at, op.opId, step), ...event });
  return event;
}

export interface AuditReader {
  role: string;
  regionId: string | null;
}

/** An entity's trail, oldest first. Admins read all; auditors only events of their own region. */
export async function listAudit(
  reader: AuditReader,
  entity: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<AuditEvent>> {
  if (reader.role !== "admin" && reader.role !== "auditor") throw new Forbidden();
  const filter =
    reader.role === "auditor"
      ? {
          expression: "#region = :region",
          names: { "#region": "regionId" },
          values: { ":region": reader.regionId },
        }
      : undefined;
  const result = await queryPage<AuditEvent & { pk: string; sk: string }>({
    pk: `AUDIT#${entity}`,
    limit: page.limit,
    cursor: page.cursor,
    filter,
  });
  return {
    items: result.items.map(({ pk: _pk, sk: _sk, ...event }) => event),
    nextCursor: result.nextCursor,
  };
}
