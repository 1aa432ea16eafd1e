import { SignJWT } from "jose";
import { LOCAL_AUDIENCE, LOCAL_ISSUER, MAX_TOKEN_LIFETIME_SECONDS } from "../http/auth.js";

export interface TokenRequest {
  role: string;
  org: string;
  sub?: string | undefined;
  /** e.g. "8h", "30m", "90s"; at most 12h (negative: already expired, for tests) */
  ttl?: string | undefined;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A lifetime like "8h" in seconds; RangeError for another form or more than the service accepts (12h). */
export function ttlSeconds(ttl: string): number {
  const m = /^(-?\d+)\s*([smhd])$/.exec(ttl.trim());
  if (!m) throw new RangeError(`--ttl takes a whole number and s, m, h or d (e.g. 8h, 30m), not "${ttl}".`);
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  if (seconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`--ttl ${ttl} is too long: the API refuses tokens that live more than 12h.`);
  }
  return seconds;
}

/** Signs a development token with the local key; the claims are the ones Cognito tokens map to. */
export async function mintToken(request: TokenRequest, key: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = ttlSeconds(request.ttl ?? "8h");
  return new SignJWT({ role: request.role, org: request.org })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(request.sub ?? `demo-${request.role}-${request.org}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetime)
    .sign(new TextEncoder().encode(key));
}
