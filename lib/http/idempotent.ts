/**
 * A creating POST sent with an Idempotency-Key: the first request runs and its response is kept; the
 * same key again replays that response, answers 409 while the first still runs, and is refused with
 * another body (lib/store/idempotency.ts).
 */
import { randomUUID } from "node:crypto";
import { InvalidInput } from "../domain/errors.js";
import { canonicalJson, digestOf, type Operation, operation } from "../operation.js";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type StoredResponse,
} from "../store/idempotency.js";
import type { Caller } from "./auth.js";
import { clock } from "./clock.js";
import type { HttpResult } from "./endpoint.js";
import { HttpError } from "./problem.js";

/** What identifies the request a key stands for: the same key must come with the same request. */
export interface KeyedRequest {
  route: string | undefined;
  params: Record<string, string>;
  body: unknown;
}

export async function runOnce(
  caller: Caller,
  key: string,
  request: KeyedRequest,
  run: (op: Operation) => Promise<HttpResult>,
): Promise<HttpResult> {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new InvalidInput([{ path: "headers.idempotency-key", message: "1-255 visible ASCII characters" }]);
  }
  const scope = `${caller.orgId}#${caller.sub}`;
  const digest = digestOf({
    route: request.route,
    params: request.params,
    body: canonicalJson(request.body ?? null),
  });
  const claim = await claimIdempotencyKey(scope, key, digest, { opId: randomUUID(), now: clock.now() });
  if (claim.kind === "replay") {
    const stored: StoredResponse = claim.response;
    return { ...stored, headers: { ...stored.headers, "idempotent-replayed": "true" } };
  }
  if (claim.kind === "in-progress") {
    throw new HttpError(
      409,
      "request-in-progress",
      "A request with this Idempotency-Key is still in progress. Retry after the indicated delay.",
      { "retry-after": String(claim.retryAfterSeconds) },
    );
  }
  try {
    const result = await run(operation(caller, claim.startedAt, claim.opId, clock.now));
    await completeIdempotencyKey(scope, key, {
      statusCode: result.statusCode,
      body: result.body ?? "",
      headers: result.headers,
    });
    return result;
  } catch (error) {
    // A failed request does not hold its key: the retry resumes it at once (same opId and clock).
    await releaseIdempotencyKey(scope, key, claim.token).catch(() => undefined);
    throw error;
  }
}
