import { Forbidden } from "../domain/errors.js";
import {
  auditClaimEntity,
  auditClaimKey,
  auditEventEntity,
  auditKey,
  auditQueries,
} from "../entities/audit-event.js";
import { digestOf, type Operation } from "../operation.js";
import { type EntityKind, entityRefProblem } from "../schemas/audit.js";
import type { AuditEventResponse } from "../schemas/responses/platform.js";
import { batchGetItems, batchPutItems } from "../store/batch.js";
import { getItem, type Key, putIfAbsent } from "../store/ops.js";
import { type Page, queryPage } from "../store/paging.js";

export type AuditEvent = AuditEventResponse;

export interface AuditInput {
  entityType: EntityKind;
  /** The id as the API shows it; a nested entity joins its parts with `/` (see ENTITY_KINDS). */
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  /** The region the entity belongs to, so a region's auditors can read it. */
  regionId: string | null;
  summary?: string;
  /** Distinguishes several events of one operation; defaults to the action. */
  step?: string;
  /**
   * The transition this event records when it happens once per entity: "created", "reviewed", or the
   * version the change produced ("v3"). At most one event per entity and transition is ever written,
   * whichever operations (or retries) append it.
   */
  once?: string;
}

export function entityRef(entityType: EntityKind, entityId: string): string {
  const ref = `${entityType}:${entityId}`;
  const problem = entityRefProblem(ref);
  // A programming error: the trail would be written where GET /v1/audit cannot read it.
  if (problem) throw new Error(`audit entity ${ref}: ${problem}`);
  return ref;
}

/** Claims a one-time transition for the operation; false when another operation recorded it. */
async function claimTransition(op: Operation, entity: string, once: string): Promise<boolean> {
  const key = auditClaimKey(entity, once);
  if (await putIfAbsent({ ...key, opId: op.opId })) return true;
  const claim = await getItem(key);
  return claim !== undefined && auditClaimEntity.read(claim).opId === op.opId;
}

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

/** The event `input` records as a step of the operation, and its key. */
function eventOf(op: Operation, input: AuditInput): { key: Key; event: AuditEvent } {
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
  return { key: auditKey(entity, at, op.opId, step), event };
}

/**
 * Appends an immutable audit event as a step of the operation. Its key derives from the operation's
 * id, clock and step, so a retried operation writes it once — or completes it if the first try died.
 * Append it only after the operation's own conditional state write succeeded (or was found to be its
 * own on a retry): an operation that lost the race changed nothing and records nothing. Returns
 * undefined when `once` names a transition another operation recorded.
 */
export async function appendAudit(op: Operation, input: AuditInput): Promise<AuditEvent | undefined> {
  if (
    input.once !== undefined &&
    !(await claimTransition(op, entityRef(input.entityType, input.entityId), input.once))
  )
    return undefined;
  const { key, event } = eventOf(op, input);
  await putIfAbsent({ ...key, ...event });
  return event;
}

/**
 * Appends the first events of entities the operation created itself (ids derived from its own id),
 * many in one BatchWriteItem. No other operation records these entities' creation, so the transition
 * claim of `once` is not needed: the event's key, derived from the operation, already makes it one.
 * Only the events not yet recorded are written (read together first), so a retry leaves the events an
 * earlier try wrote as they are, even if their entities changed since.
 */
export async function appendCreationEvents(op: Operation, inputs: Omit<AuditInput, "once">[]): Promise<void> {
  const events = inputs.map((input) => eventOf(op, input));
  const stored = await batchGetItems(events.map((e) => e.key));
  await batchPutItems(events.flatMap(({ key, event }, i) => (stored[i] ? [] : [{ ...key, ...event }])));
}

/** For each of the operations' events, whether it is recorded (read together: BatchGetItem). */
export async function auditsRecorded(
  events: {
    op: Pick<Operation, "opId" | "now">;
    input: Pick<AuditInput, "entityType" | "entityId" | "action" | "step">;
  }[],
): Promise<boolean[]> {
  const items = await batchGetItems(
    events.map(({ op, input }) =>
      auditKey(
        entityRef(input.entityType, input.entityId),
        op.now.toISOString(),
        op.opId,
        input.step ?? input.action,
      ),
    ),
  );
  return items.map((item) => item !== undefined);
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
  const result = await queryPage({
    ...auditQueries.ofEntity(entity),
    limit: page.limit,
    cursor: page.cursor,
    filter,
  });
  return {
    items: auditEventEntity.readAll(result.items).map(({ pk: _pk, sk: _sk, ...event }) => event),
    nextCursor: result.nextCursor,
  };
}
