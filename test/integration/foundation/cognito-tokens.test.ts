import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, DEMO, seedDemo } from "../../support/api.js";

// The AWS path of token verification: RS256 tokens checked against a user pool's JWKS, served
// here by a local HTTP server standing in for Cognito's /.well-known/jwks.json.
const CLIENT_ID = "app-client-1";
let server: Server;
let issuer: string;
let sign: (claims: JWTPayload, alg?: "RS256" | "HS256") => Promise<string>;

beforeAll(async () => {
  await seedDemo();
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  server = createServer((req, res) => {
    if (req.url !== "/pool/.well-known/jwks.json") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pool`;
  sign = (claims, alg = "RS256") =>
    new SignJWT(claims)
      .setProtectedHeader({ alg, kid: "k1" })
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(alg === "RS256" ? privateKey : new TextEncoder().encode("a-shared-secret-of-32-bytes-length"));
  process.env.AUTH_ISSUER = issuer;
  process.env.AUTH_AUDIENCE = CLIENT_ID;
});

afterAll(async () => {
  delete process.env.AUTH_ISSUER;
  delete process.env.AUTH_AUDIENCE;
  await new Promise((resolve) => server.close(resolve));
});

const officerClaims = {
  sub: "cognito-user-1",
  "custom:role": "officer",
  "custom:org": DEMO.municipalities[0],
};

describe("Cognito tokens (AUTH_ISSUER + AUTH_AUDIENCE)", () => {
  it("accepts an ID token of the app client, mapping custom:role and custom:org", async () => {
    const token = await sign({ ...officerClaims, aud: CLIENT_ID, token_use: "id" });
    const me = await call("GET", "/v1/me", { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ sub: "cognito-user-1", role: "officer", regionId: DEMO.region });
  });

  it("accepts an access token naming the client in client_id", async () => {
    const token = await sign({ ...officerClaims, client_id: CLIENT_ID, token_use: "access" });
    expect((await call("GET", "/v1/me", { token })).status).toBe(200);
  });

  it("refuses a token of another app client of the pool", async () => {
    const token = await sign({ ...officerClaims, aud: "another-client" });
    const response = await call("GET", "/v1/me", { token });
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe("The token is not valid.");
  });

  it("refuses an HS256 token even with the right claims (RS256 only)", async () => {
    const token = await sign({ ...officerClaims, aud: CLIENT_ID }, "HS256");
    expect((await call("GET", "/v1/me", { token })).status).toBe(401);
  });

  it("fails closed when AUTH_AUDIENCE is missing", async () => {
    const token = await sign({ ...officerClaims, aud: CLIENT_ID });
    delete process.env.AUTH_AUDIENCE;
    try {
      expect((await call("GET", "/v1/me", { token })).status).toBe(401);
    } finally {
      process.env.AUTH_AUDIENCE = CLIENT_ID;
    }
  });
});
