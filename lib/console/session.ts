import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { consoleSessionEntity, consoleSessionKey } from "../entities/console-session.js";
import { deleteIf, getItem, putIfAbsent, setIf } from "../store/ops.js";

/**
 * `__Host-`: the browser accepts it only with Secure, Path=/ and no Domain, so no other site or
 * subdomain can set or overwrite it. HttpOnly keeps it from scripts; SameSite=Lax keeps it off
 * cross-site form posts (the CSRF token is the second line).
 */
export const SESSION_COOKIE = "__Host-ip-session";
export const LANG_COOKIE = "__Host-ip-lang";
/** A signed-in day's work; the API token inside may be shorter and is refreshed when it can be. */
export const SESSION_SECONDS = 8 * 3600;

export interface SessionIdentity {
  sub: string;
  role: string;
  org: string;
}

export interface ConsoleSession extends SessionIdentity {
  /** The cookie's value; only its hash is stored. */
  id: string;
  token: string;
  tokenExpiresAt: number;
  refreshToken?: string | undefined;
  csrf: string;
  expiresAt: number;
}

const hashOf = (id: string) => createHash("sha256").update(id).digest("base64url");
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export async function createSession(
  identity: SessionIdentity,
  tokens: { token: string; tokenExpiresAt: number; refreshToken?: string | undefined },
  now: Date,
): Promise<ConsoleSession> {
  const id = randomBytes(32).toString("base64url");
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const session: ConsoleSession = {
    ...identity,
    ...tokens,
    id,
    csrf: randomBytes(32).toString("base64url"),
    expiresAt: nowSeconds + SESSION_SECONDS,
  };
  const { id: _, ...stored } = session;
  await putIfAbsent({
    ...consoleSessionKey(hashOf(id)),
    ...stored,
    createdAt: now.toISOString(),
    ttl: session.expiresAt,
  });
  return session;
}

/** The live session a cookie names, or undefined (unknown, malformed or expired). */
export async function readSession(id: string | undefined, now: Date): Promise<ConsoleSession | undefined> {
  if (!id || !SESSION_ID.test(id)) return undefined;
  const item = await getItem(consoleSessionKey(hashOf(id)));
  if (!item) return undefined;
  const stored = consoleSessionEntity.read(item);
  if (stored.expiresAt <= Math.floor(now.getTime() / 1000)) return undefined;
  return {
    id,
    sub: stored.sub,
    role: stored.role,
    org: stored.org,
    token: stored.token,
    tokenExpiresAt: stored.tokenExpiresAt,
    refreshToken: stored.refreshToken,
    csrf: stored.csrf,
    expiresAt: stored.expiresAt,
  };
}

/** Keeps a renewed API token in its session (unless the session has ended meanwhile). */
export async function renewSessionToken(
  session: Pick<ConsoleSession, "id" | "refreshToken">,
  tokens: { token: string; tokenExpiresAt: number },
): Promise<void> {
  if (SESSION_ID.test(session.id))
    await setIf(consoleSessionKey(hashOf(session.id)), tokens, { refreshToken: session.refreshToken });
}

export async function endSession(id: string): Promise<void> {
  if (SESSION_ID.test(id)) await deleteIf(consoleSessionKey(hashOf(id)));
}

/** Constant-time comparison of a form's CSRF token with the session's. */
export function csrfMatches(session: ConsoleSession, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    const name = part.slice(0, Math.max(at, 0)).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

export function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${Math.max(0, maxAgeSeconds)}; Secure; HttpOnly; SameSite=Lax`;
}
