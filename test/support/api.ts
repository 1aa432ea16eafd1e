import { afterAll, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { clock } from "../../lib/http/clock.js";
import { toApiGatewayEvent } from "../../lib/local/event.js";
import { invoke } from "../../functions/local.js";
import { mintToken } from "../../lib/local/tokens.js";
import { DEMO, DEMO_IDENTITIES } from "../../lib/seed/demo-ids.js";
import { seedDemoData } from "../../lib/seed/index.js";
import { checkResponse } from "./response-contract.js";
import { TEST_SIGNING_KEY } from "./setup-env.js";

export { clock, DEMO };

/**
 * Freezes the clock at `at` for the calling test file: at once (for its module-level set-up), again
 * before every case (a case that moves the clock leaves the next one unaffected, in any order), and
 * back to real time after the file.
 */
export function useClock(at: Date): void {
  clock.set(at);
  beforeEach(() => clock.set(at));
  afterAll(() => clock.reset());
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  body: T;
  text: string;
  /** The body's bytes as sent (a file sent base64-encoded is decoded; a gzip-compressed one is not). */
  bytes: Buffer;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (e.g. malformed JSON or CSV, or a PDF's bytes). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

/** Invokes the real handler exports with an API Gateway event (integration tests, no HTTP). */
export async function call<T = any>(
  method: string,
  url: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const result = await invoke(toApiGatewayEvent({ method, url, headers, body }));
  const bytes = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
  // As an HTTP client would: a gzip-compressed body is read decompressed (`bytes` stay as sent).
  const text = (result.headers["content-encoding"] === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
  const type = result.headers["content-type"] ?? "";
  const parsed = type.includes("json") && text ? JSON.parse(text) : text;
  await checkResponse(method, url, result.statusCode, type, parsed);
  return { status: result.statusCode, headers: result.headers, text, bytes, body: parsed };
}

export const tokenFor = (role: string, org: string, sub?: string, ttl?: string) =>
  mintToken({ role, org, sub: sub ?? `test-${role}-${org}`, ttl }, TEST_SIGNING_KEY);

export type DemoTokens = Record<(typeof DEMO_IDENTITIES)[number]["role"], string>;

/** Seeds the demo data into this test file's table and returns a token per demo role. */
export async function seedDemo(): Promise<DemoTokens> {
  await seedDemoData(clock.now());
  const entries = await Promise.all(
    DEMO_IDENTITIES.map(async (id) => [id.role, await tokenFor(id.role, id.org, id.sub)]),
  );
  return Object.fromEntries(entries) as DemoTokens;
}

export const newKey = () => randomUUID();
