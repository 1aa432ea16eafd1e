import { createHmac, timingSafeEqual } from "node:crypto";
import type { JWTPayload } from "jose";
import { Forbidden } from "../domain/errors.js";
import { withArticle } from "../domain/words.js";
import { type Actor, ROLES, type Role } from "../operation.js";
import { ORG_KIND_OF_ROLE, type Organisation, recentOrganisation } from "../orgs/organisations.js";
import { unauthorized } from "./problem.js";

/** The verified caller; the region comes from the organisation's record, never from the token. */
export interface Caller extends Actor {
  organisation: Organisation;
}

export const LOCAL_ISSUER = "impact-procurement-local";
export const LOCAL_AUDIENCE = "impact-procurement";

/** Accepted difference between the issuer's clock and ours (exp and iat). */
export const CLOCK_SKEW_SECONDS = 60;
/** The longest lifetime (exp − iat) of any token; Cognito's are 1 h, `npm run token` refuses more. */
export const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** `sub` and `org` end up in table keys and audit events: bounded, and never a key separator (#). */
const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}$/;
const ORGANISATION = /^[A-Za-z0-9_-]{1,64}$/;

type Verifier = (token: string) => Promise<JWTPayload>;

/**
 * In AWS: Cognito's keys (AUTH_ISSUER = the user pool's issuer URL, AUTH_AUDIENCE = app client id).
 * Locally: the development key shared by `npm start` and `npm run token` (DEV_SIGNING_KEY).
 * With neither set, every token is refused: the service fails closed.
 */
function createVerifier(): Verifier {
  const issuer = process.env.AUTH_ISSUER;
  if (issuer) {
    const audience = process.env.AUTH_AUDIENCE;
    // Without the app client id any client of the pool would do: refuse everything instead.
    if (!audience)
      return async () => {
        throw new Error("AUTH_AUDIENCE is not set");
      };
    // jose (the JWKS, its caching and RS256) is loaded with the first token, not when a function starts.
    let keys: ReturnType<typeof import("jose").createRemoteJWKSet> | undefined;
    return async (token) => {
      const { createRemoteJWKSet, jwtVerify } = await import("jose");
      keys ??= createRemoteJWKSet(new URL(`${issuer.replace(/\/$/, "")}/.well-known/jwks.json`));
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        algorithms: ["RS256"],
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      // Cognito ID tokens carry `aud`; access tokens carry `client_id` instead.
      const client = payload.aud ?? payload.client_id;
      const clients = Array.isArray(client) ? client : [client];
      if (!clients.includes(audience)) throw new Error("token for another client");
      return payload;
    };
  }
  const devKey = process.env.DEV_SIGNING_KEY;
  if (devKey) {
    const secret = Buffer.from(devKey, "utf8");
    return async (token) => verifyDevToken(token, secret);
  }
  return async () => {
    throw new Error("no token verification is configured");
  };
}

/** A token that fails verification; `code` as jose names an expiry, which gets its own message. */
class TokenError extends Error {
  constructor(
    message: string,
    readonly code = "ERR_JWT_INVALID",
  ) {
    super(message);
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeJson(part: string): Record<string, unknown> {
  if (!BASE64URL.test(part)) throw new TokenError("not base64url");
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw new TokenError("not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TokenError("not an object");
  return value as Record<string, unknown>;
}

/**
 * A development token (HS256 with the local key), checked as jose's jwtVerify checks it with the
 * options the service used (issuer, audience, HS256 only, 60 s of clock tolerance): a compact JWS
 * whose header names HS256 and no critical extension, a valid HMAC, `iss` and `aud` ours, `exp` not
 * passed and `nbf` reached. node:crypto's HMAC instead of jose: a function needs no JOSE library to
 * start, and locally never loads one.
 */
export function verifyDevToken(
  token: string,
  secret: Buffer,
  nowSeconds = Math.floor(Date.now() / 1000),
): JWTPayload {
  const parts = token.split(".");
  if (parts.length !== 3) throw new TokenError("not a compact JWS");
  const [header, payload, signature] = parts as [string, string, string];
  const protectedHeader = decodeJson(header);
  if (protectedHeader.alg !== "HS256") throw new TokenError("algorithm not allowed");
  if (protectedHeader.crit !== undefined || protectedHeader.b64 !== undefined)
    throw new TokenError("unsupported header parameter");
  if (!BASE64URL.test(signature)) throw new TokenError("not base64url");
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new TokenError("signature verification failed");
  const claims = decodeJson(payload) as JWTPayload;
  if (claims.iss !== LOCAL_ISSUER) throw new TokenError("unexpected iss");
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(LOCAL_AUDIENCE)) throw new TokenError("unexpected aud");
  for (const time of ["exp", "nbf", "iat"] as const)
    if (claims[time] !== undefined && typeof claims[time] !== "number")
      throw new TokenError(`${time} is not a number`);
  if (claims.exp !== undefined && claims.exp <= nowSeconds - CLOCK_SKEW_SECONDS)
    throw new TokenError("expired", "ERR_JWT_EXPIRED");
  if (claims.nbf !== undefined && claims.nbf > nowSeconds + CLOCK_SKEW_SECONDS)
    throw new TokenError("not yet valid");
  return claims;
}

let verifier: { config: string; verify: Verifier } | undefined;
const currentVerifier = (): Verifier => {
  const config = `${process.env.AUTH_ISSUER}|${process.env.AUTH_AUDIENCE}|${process.env.DEV_SIGNING_KEY}`;
  if (verifier?.config !== config) verifier = { config, verify: createVerifier() };
  return verifier.verify;
};

/** Maps Cognito's claim names to ours in one place (custom attributes or our own claim names). */
export function claimsOf(payload: JWTPayload): { sub: string; role: string; org: string } | undefined {
  const role = payload.role ?? payload["custom:role"];
  const org = payload.org ?? payload["custom:org"];
  if (typeof payload.sub !== "string" || typeof role !== "string" || typeof org !== "string")
    return undefined;
  return { sub: payload.sub, role, org };
}

/**
 * What the signature does not check: an expiry, an issue time that is not in the future, and a
 * lifetime of at most 12 hours. Measured on the wall clock, as jose measures exp.
 */
function checkTimes(payload: JWTPayload, nowSeconds = Math.floor(Date.now() / 1000)) {
  if (typeof payload.exp !== "number") throw unauthorized("The token has no expiry (exp).");
  if (typeof payload.iat !== "number") throw unauthorized("The token has no issue time (iat).");
  if (payload.iat > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw unauthorized("The token's issue time (iat) lies in the future.");
  }
  if (payload.exp - payload.iat > MAX_TOKEN_LIFETIME_SECONDS) {
    throw unauthorized("The token lives longer than 12 hours (exp − iat); ask for a shorter one.");
  }
}

export async function authenticate(authorization: string | undefined): Promise<Caller> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) throw unauthorized("A bearer token is required.");
  let payload: JWTPayload;
  try {
    payload = await currentVerifier()(match[1]!);
  } catch (error) {
    const expired = (error as { code?: string }).code === "ERR_JWT_EXPIRED";
    throw unauthorized(expired ? "The token has expired." : "The token is not valid.");
  }
  checkTimes(payload);
  const claims = claimsOf(payload);
  if (!claims) throw unauthorized("The token lacks the sub, role or org claim.");
  if (!SUBJECT.test(claims.sub)) {
    throw unauthorized("The token's sub is not a valid identifier (1-128 letters, digits, . _ @ : + -).");
  }
  if (!ORGANISATION.test(claims.org)) {
    throw unauthorized("The token's org is not a valid organisation id (1-64 letters, digits, _ -).");
  }
  if (!ROLES.includes(claims.role as Role)) throw new Forbidden(`Unknown role '${claims.role}'.`);
  const role = claims.role as Role;
  // Cached briefly per container (ORGANISATION_TTL_MS): kind and region never change.
  const organisation = await recentOrganisation(claims.org);
  if (!organisation) throw new Forbidden("The token's organisation does not exist.");
  if (organisation.kind !== ORG_KIND_OF_ROLE[role]) {
    throw new Forbidden(
      `${withArticle(role, true)} acts for ${withArticle(ORG_KIND_OF_ROLE[role])}, not ${withArticle(organisation.kind)}.`,
    );
  }
  return { sub: claims.sub, role, orgId: organisation.id, regionId: organisation.regionId, organisation };
}
