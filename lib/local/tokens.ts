import { SignJWT } from "jose";
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from "../http/auth.js";

export interface TokenRequest {
  role: string;
  org: string;
  sub?: string | undefined;
  /** e.g. "8h", "30m", "90s" */
  ttl?: string | undefined;
}

/** Signs a development token with the local key; the claims are the ones Cognito tokens map to. */
export async function mintToken(request: TokenRequest, key: string): Promise<string> {
  return new SignJWT({ role: request.role, org: request.org })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(request.sub ?? `demo-${request.role}-${request.org}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? "8h")
    .sign(new TextEncoder().encode(key));
}
