import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { InvalidInput } from "../domain/errors.js";

/**
 * List cursors: the query's LastEvaluatedKey, signed with HMAC-SHA256 over the list it belongs to
 * (index, partition, key prefix, direction). A cursor that was garbled, edited or issued for another
 * list fails the check and is a 400 `invalid-cursor` — it never reaches DynamoDB.
 *
 * The key must be the same in every Lambda container: CURSOR_SECRET (set by the CDK stack from a
 * generated secret). Locally it derives from the development signing key; with neither, a random
 * per-process key (cursors then end with the process: a restart answers them with 400).
 */
export interface CursorScope {
  index: string | undefined;
  pk: string;
  skBeginsWith?: string | undefined;
  /** A range's cursor is refused for another range: its start key could lie outside the other one. */
  skBetween?: readonly [string, string] | undefined;
  newestFirst?: boolean | undefined;
}

const VERSION = "c1";
const MAC_BYTES = 16;

let processKey: Buffer | undefined;
let derived: { from: string; key: Buffer } | undefined;

function cursorKey(): Buffer {
  const configured = process.env.CURSOR_SECRET || process.env.DEV_SIGNING_KEY;
  if (!configured) {
    processKey ??= randomBytes(32);
    return processKey;
  }
  if (derived?.from !== configured) {
    // Its own key, never the token-signing key itself.
    derived = { from: configured, key: createHash("sha256").update(`cursor-key\n${configured}`).digest() };
  }
  return derived.key;
}

// The range only when there is one, so the cursors of lists without one stay as they were.
const scopeOf = (scope: CursorScope) =>
  JSON.stringify([
    scope.index ?? "",
    scope.pk,
    scope.skBeginsWith ?? "",
    scope.newestFirst === true,
    ...(scope.skBetween ? [scope.skBetween] : []),
  ]);

const macOf = (scope: CursorScope, payload: string): Buffer =>
  createHmac("sha256", cursorKey())
    .update(`${VERSION}\n${scopeOf(scope)}\n${payload}`)
    .digest()
    .subarray(0, MAC_BYTES);

export function encodeCursor(key: Record<string, unknown> | undefined, scope: CursorScope): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString("base64url");
  return `${VERSION}.${payload}.${macOf(scope, payload).toString("base64url")}`;
}

const invalid = () =>
  new InvalidInput(
    [{ path: "query.cursor", message: "not a cursor this list returned; start again without it" }],
    "The cursor is not valid for this list.",
    "invalid-cursor",
  );

/** The ExclusiveStartKey of a cursor issued for exactly this list; anything else is a 400. */
export function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
  key: { names: readonly string[]; partition: string },
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const [version, payload, mac, ...rest] = cursor.split(".");
  if (version !== VERSION || !payload || !mac || rest.length > 0) throw invalid();
  const given = Buffer.from(mac, "base64url");
  // base64url decoding skips foreign characters: compare the canonical form too.
  if (given.toString("base64url") !== mac || given.length !== MAC_BYTES) throw invalid();
  if (!timingSafeEqual(given, macOf(scope, payload))) throw invalid();
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  // Signed by us, so this holds; checked anyway so that a leaked key cannot turn into a 500.
  const wellFormed =
    record !== null &&
    typeof record === "object" &&
    !Array.isArray(record) &&
    Object.keys(record).length === key.names.length &&
    key.names.every((name) => typeof record[name] === "string" && record[name] !== "") &&
    record[key.partition] === scope.pk;
  if (!wellFormed) throw invalid();
  return record as Record<string, string>;
}
