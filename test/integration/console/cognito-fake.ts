import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/** Who signs in at the fake managed login: the ID token's claims beyond iss/aud/iat/exp. */
export type FakeUser = Record<string, unknown> & { sub: string };

/** What the fake's token endpoint was asked, for the tests to check (PKCE verifier, redirect URI). */
export interface TokenCall {
  grant_type: string;
  fields: Record<string, string>;
}

/**
 * Cognito's token endpoint and keys on a local port: an RS256 key with its JWKS at
 * `<issuer>/.well-known/jwks.json`, codes issued by `authorize` (what the managed login does once the
 * user has typed a password) and redeemed at `/oauth2/token` only with the PKCE verifier of their
 * challenge, the same redirect URI and client; refresh tokens renewed there too.
 */
export async function startFakeCognito(clientId: string) {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "fake-1", alg: "RS256", use: "sig" };
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string; user: FakeUser }>();
  const refreshTokens = new Map<string, FakeUser>();
  const calls: TokenCall[] = [];
  const settings = {
    idTokenSeconds: 3600,
    refuseRefresh: false,
    idTokenOverride: undefined as string | undefined,
  };

  let issuer = "";
  const idToken = (user: FakeUser, nonce?: string, key = privateKey, lifetime = settings.idTokenSeconds) =>
    new SignJWT({ token_use: "id", ...(nonce ? { nonce } : {}), ...user })
      .setProtectedHeader({ alg: "RS256", kid: "fake-1" })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setIssuedAt()
      .setExpirationTime(`${lifetime}s`)
      .sign(key);

  const server: Server = createServer(async (req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/.well-known/jwks.json") return json(200, { keys: [jwk] });
    if (req.method !== "POST" || req.url !== "/oauth2/token") return json(404, { error: "not_found" });
    let body = "";
    for await (const chunk of req) body += chunk;
    const fields = Object.fromEntries(new URLSearchParams(body));
    calls.push({ grant_type: fields.grant_type ?? "", fields });
    if (fields.client_id !== clientId) return json(400, { error: "invalid_client" });
    if (fields.grant_type === "authorization_code") {
      const issued = codes.get(fields.code ?? "");
      codes.delete(fields.code ?? ""); // a code is redeemed once
      const verified =
        issued &&
        fields.redirect_uri === issued.redirectUri &&
        createHash("sha256")
          .update(fields.code_verifier ?? "")
          .digest("base64url") === issued.challenge;
      if (!verified) return json(400, { error: "invalid_grant" });
      const refresh = randomBytes(16).toString("hex");
      refreshTokens.set(refresh, issued.user);
      return json(200, {
        id_token: settings.idTokenOverride ?? (await idToken(issued.user, issued.nonce)),
        access_token: "not-used",
        refresh_token: refresh,
        expires_in: settings.idTokenSeconds,
        token_type: "Bearer",
      });
    }
    if (fields.grant_type === "refresh_token") {
      const user = refreshTokens.get(fields.refresh_token ?? "");
      if (!user || settings.refuseRefresh) return json(400, { error: "invalid_grant" });
      return json(200, { id_token: await idToken(user, undefined, privateKey, 3600), token_type: "Bearer" });
    }
    return json(400, { error: "unsupported_grant_type" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    calls,
    settings,
    /** The managed login after a successful password check: a code for the authorize request's parameters. */
    authorize(authorizeUrl: string, user: FakeUser): { code: string; state: string } {
      const query = new URL(authorizeUrl).searchParams;
      if (query.get("code_challenge_method") !== "S256") throw new Error("PKCE S256 expected");
      const code = randomBytes(16).toString("hex");
      codes.set(code, {
        challenge: query.get("code_challenge")!,
        redirectUri: query.get("redirect_uri")!,
        nonce: query.get("nonce")!,
        user,
      });
      return { code, state: query.get("state")! };
    },
    /** An ID token as this fake signs them, or signed by another key (a forgery). */
    async token(user: FakeUser, options: { nonce?: string; forged?: boolean } = {}) {
      const key = options.forged ? (await generateKeyPair("RS256")).privateKey : privateKey;
      return idToken(user, options.nonce, key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
