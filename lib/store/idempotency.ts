import { randomUUID } from "node:crypto";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { RuleViolation } from "../domain/errors.js";
import { idempotencyRecordEntity, idempotencyRecordKey } from "../entities/idempotency-record.js";
import { db } from "./client.js";
import { getItem, putIfAbsent, setIf } from "./ops.js";
import { tableName } from "./table.js";

/** What a replay returns: the first response, byte for byte. */
export interface StoredResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

/** A response as the record keeps it: a large body compressed (see completeIdempotencyKey). */
type KeptResponse = StoredResponse | (Omit<StoredResponse, "body"> & { bodyBrotli: Uint8Array });

interface IdempotencyRecord {
  pk: string;
  sk: string;
  requestDigest: string;
  opId: string;
  startedAt: string;
  status: "in-progress" | "completed";
  /** Epoch ms after which an in-progress claim may be taken over by a retry. */
  inProgressExpiry?: number;
  /** Changes with every claim, so of several retries racing to take over only one wins. */
  claimToken?: string;
  response?: KeptResponse;
  ttl: number;
}

const RETENTION_SECONDS = 24 * 3600;

/**
 * How long a claimed key counts as in progress. Longer than the longest function timeout (28 s, the
 * reports area; 10 s elsewhere: infra/constructs/area-function.ts) plus a margin, so a retry never takes
 * over a request that is still running; short enough that a crashed request is finished by a retry soon.
 */
export const IN_PROGRESS_EXPIRY_MS = 30_000;

/** What a caller that meets a request in progress is told to wait: most requests finish in milliseconds. */
const RETRY_AFTER_SECONDS = 1;

export type Claim =
  | { kind: "new" | "resume"; opId: string; startedAt: Date; token: string }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "in-progress"; retryAfterSeconds: number };

/**
 * Claims an Idempotency-Key for a caller (the semantics of Powertools for AWS Lambda's idempotency
 * utility). A new key starts an operation. A key whose request is still running is "in-progress" (the
 * caller gets 409 and retries later). A key whose request failed (released) or whose claim expired
 * (the function died) is taken over with a conditional write, so one retry wins; it resumes the
 * operation with the same opId and clock, so ids and audit events stay the same. A completed key
 * replays the stored response; the same key with another request is refused.
 */
export async function claimIdempotencyKey(
  scope: string,
  key: string,
  requestDigest: string,
  proposal: { opId: string; now: Date },
): Promise<Claim> {
  const wall = proposal.now.getTime();
  const token = randomUUID();
  const record: IdempotencyRecord = {
    ...idempotencyRecordKey(scope, key),
    requestDigest,
    opId: proposal.opId,
    startedAt: proposal.now.toISOString(),
    status: "in-progress",
    inProgressExpiry: wall + IN_PROGRESS_EXPIRY_MS,
    claimToken: token,
    ttl: Math.floor(wall / 1000) + RETENTION_SECONDS,
  };
  if (await putIfAbsent({ ...record }))
    return { kind: "new", opId: record.opId, startedAt: proposal.now, token };
  const found = await getItem(idempotencyRecordKey(scope, key));
  if (!found) return claimIdempotencyKey(scope, key, requestDigest, proposal);
  const existing = idempotencyRecordEntity.read(found);
  if (existing.requestDigest !== requestDigest) {
    throw new RuleViolation(
      "idempotency-key-reused",
      "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
      [{ path: "headers.idempotency-key", message: "already used with another request body or route" }],
    );
  }
  if (existing.status === "completed" && existing.response)
    return { kind: "replay", response: unpacked(existing.response) };
  // Records written before claims expired have no expiry: they are taken over like expired ones.
  if ((existing.inProgressExpiry ?? 0) > wall)
    return { kind: "in-progress", retryAfterSeconds: RETRY_AFTER_SECONDS };
  const takenOver = await setIf(
    idempotencyRecordKey(scope, key),
    { claimToken: token, inProgressExpiry: wall + IN_PROGRESS_EXPIRY_MS },
    { status: "in-progress", claimToken: existing.claimToken },
  );
  if (!takenOver) return { kind: "in-progress", retryAfterSeconds: RETRY_AFTER_SECONDS };
  return { kind: "resume", opId: existing.opId, startedAt: new Date(existing.startedAt), token };
}

/**
 * A request that failed gives its key free at once (Powertools deletes the record; this keeps it, so the
 * retry resumes with the same opId and clock). Only the current holder of the claim releases it.
 */
export async function releaseIdempotencyKey(scope: string, key: string, token: string): Promise<void> {
  await setIf(
    idempotencyRecordKey(scope, key),
    { inProgressExpiry: 0 },
    { status: "in-progress", claimToken: token },
  );
}

/**
 * Bodies larger than this are kept brotli-compressed: the answer to an evaluation of the largest lot
 * is megabytes of JSON, past DynamoDB's 400 KB item limit, and compresses to a few percent of that
 * (the same field names, criteria and formulas in every bid).
 */
export const COMPRESS_BODY_ABOVE_BYTES = 64 * 1024;

function packed(response: StoredResponse): KeptResponse {
  const body = Buffer.from(response.body, "utf8");
  if (body.byteLength <= COMPRESS_BODY_ABOVE_BYTES) return response;
  const bodyBrotli = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
  });
  return { statusCode: response.statusCode, headers: response.headers, bodyBrotli };
}

function unpacked(kept: KeptResponse): StoredResponse {
  if (!("bodyBrotli" in kept)) return kept;
  const { bodyBrotli, ...rest } = kept;
  return { ...rest, body: brotliDecompressSync(bodyBrotli).toString("utf8") };
}

export async function completeIdempotencyKey(
  scope: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: idempotencyRecordKey(scope, key),
      UpdateExpression: "SET #status = :completed, #response = :response",
      ExpressionAttributeNames: { "#status": "status", "#response": "response" },
      ExpressionAttributeValues: { ":completed": "completed", ":response": packed(response) },
    }),
  );
}
