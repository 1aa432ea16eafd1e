import { RuleViolation } from "../domain/errors.js";
import { getItem, putIfAbsent } from "./ops.js";
import { db } from "./client.js";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { tableName } from "./table.js";

/** What a replay returns: the first response, byte for byte. */
export interface StoredResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

interface IdempotencyRecord {
  pk: string;
  sk: string;
  requestDigest: string;
  opId: string;
  startedAt: string;
  status: "in-progress" | "completed";
  response?: StoredResponse;
  ttl: number;
}

const RETENTION_SECONDS = 24 * 3600;

export type Claim =
  | { kind: "new" | "resume"; opId: string; startedAt: Date }
  | { kind: "replay"; response: StoredResponse };

/**
 * Claims an Idempotency-Key for a caller. A new key starts an operation; a key whose operation
 * did not complete (crash, throttling) resumes it with the same opId and clock; a completed one
 * replays the stored response; the same key with another request is refused.
 */
export async function claimIdempotencyKey(
  scope: string,
  key: string,
  requestDigest: string,
  proposal: { opId: string; now: Date },
): Promise<Claim> {
  const record: IdempotencyRecord = {
    pk: `IDEM#${scope}`,
    sk: `KEY#${key}`,
    requestDigest,
    opId: proposal.opId,
    startedAt: proposal.now.toISOString(),
    status: "in-progress",
    ttl: Math.floor(proposal.now.getTime() / 1000) + RETENTION_SECONDS,
  };
  if (await putIfAbsent({ ...record })) return { kind: "new", opId: record.opId, startedAt: proposal.now };
  const existing = await getItem<IdempotencyRecord>({ pk: record.pk, sk: record.sk });
  if (!existing) return claimIdempotencyKey(scope, key, requestDigest, proposal);
  if (existing.requestDigest !== requestDigest) {
    throw new RuleViolation(
      "idempotency-key-reused",
      "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
      [{ path: "headers.idempotency-key", message: "already used with another request body or route" }],
    );
  }
  if (existing.status === "completed" && existing.response)
    return { kind: "replay", response: existing.response };
  return { kind: "resume", opId: existing.opId, startedAt: new Date(existing.startedAt) };
}

export async function completeIdempotencyKey(
  scope: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `IDEM#${scope}`, sk: `KEY#${key}` },
      UpdateExpression: "SET #status = :completed, #response = :response",
      ExpressionAttributeNames: { "#status": "status", "#response": "response" },
      ExpressionAttributeValues: { ":completed": "completed", ":response": response },
    }),
  );
}
