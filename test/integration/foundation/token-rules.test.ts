import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { mintToken } from "../../../lib/local/tokens.js";
import { call, DEMO, newKey, seedDemo } from "../../support/api.js";
import { TEST_SIGNING_KEY } from "../../support/setup-env.js";

/**
 * Token rules beyond the signature: an expiry, an issue time not in the future (60 s of clock skew),
 * a lifetime of at most 12 hours, and bounded identifiers (sub and org end up in table keys).
 * Every refusal is a 401 problem+json, never a 500.
 */

await seedDemo();
const now = () => Math.floor(Date.now() / 1000);

/** A local token with exactly these claims (nothing added). */
const signed = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("impact-procurement-local")
    .setAudience("impact-procurement")
    .sign(new TextEncoder().encode(TEST_SIGNING_KEY));

const officer = { sub: "officer-1", role: "officer", org: DEMO.municipalities[0] };

/** GET /v1/me, and a creating POST with an Idempotency-Key (the caller's ids go into its key). */
async function expectRefused(token: string, detail: RegExp) {
  const me = await call("GET", "/v1/me", { token });
  expect(me.status).toBe(401);
  expect(me.headers["content-type"]).toBe("application/problem+json");
  expect(me.body.detail).toMatch(detail);
  const post = await call("POST", "/v1/tenders", { token, body: {}, idempotencyKey: newKey() });
  expect(post.status).toBe(401);
}

describe("token times", () => {
  it("refuses a token without exp", async () => {
    await expectRefused(await signed({ ...officer, iat: now() }), /expiry/);
  });

  it("refuses a token issued in the future beyond 60 s of clock skew; accepts small skew", async () => {
    await expectRefused(await signed({ ...officer, iat: now() + 3600, exp: now() + 7200 }), /future/);
    await expectRefused(await signed({ ...officer, iat: now() + 120, exp: now() + 3600 }), /future/);
    const skewed = await signed({ ...officer, iat: now() + 30, exp: now() + 3600 });
    expect((await call("GET", "/v1/me", { token: skewed })).status).toBe(200);
  });

  it("refuses a lifetime over 12 hours, accepts 12 hours", async () => {
    const t = now();
    await expectRefused(await signed({ ...officer, iat: t, exp: t + 12 * 3600 + 1 }), /12 hours/);
    await expectRefused(await signed({ ...officer, iat: t, exp: t + 365 * 86400 }), /12 hours/);
    await expectRefused(await signed({ ...officer, exp: t + 3600 }), /issue time/);
    const twelve = await signed({ ...officer, iat: t, exp: t + 12 * 3600 });
    expect((await call("GET", "/v1/me", { token: twelve })).status).toBe(200);
  });
});

describe("token identifiers", () => {
  const t = now();
  const token = (claims: Record<string, unknown>) => signed({ ...officer, iat: t, exp: t + 600, ...claims });

  it.each([
    ["a 3,000-character sub", { sub: "s".repeat(3000) }],
    ["an empty sub", { sub: "" }],
    ["a sub with a key separator", { sub: "officer#1" }],
    ["a sub with a control character", { sub: "officer\n1" }],
    ["a 3,000-character org", { org: "o".repeat(3000) }],
    ["an org with a key separator", { org: `${DEMO.municipalities[0]}#X` }],
  ])("refuses %s with 401", async (_name, claims) => {
    await expectRefused(await token(claims), /sub|org/);
  });

  it("accepts ids as Cognito and the token CLI make them", async () => {
    for (const sub of [
      "2f6d1f0e-4b7a-4c1e-9a8e-0d3c5b7a9e21",
      "demo-officer-zwolle",
      "j.de.vries@zwolle.nl",
    ]) {
      expect((await call("GET", "/v1/me", { token: await token({ sub }) })).status).toBe(200);
    }
  });
});

describe("npm run token", () => {
  it("mints at most 12 hours", async () => {
    await expect(
      mintToken({ role: "officer", org: "gm-zwolle", ttl: "13h" }, TEST_SIGNING_KEY),
    ).rejects.toThrow(/12h/);
    await expect(
      mintToken({ role: "officer", org: "gm-zwolle", ttl: "2d" }, TEST_SIGNING_KEY),
    ).rejects.toThrow(/12h/);
    await expect(
      mintToken({ role: "officer", org: "gm-zwolle", ttl: "soon" }, TEST_SIGNING_KEY),
    ).rejects.toThrow(/--ttl/);
    const twelve = await mintToken(
      { role: "officer", org: DEMO.municipalities[0], ttl: "12h" },
      TEST_SIGNING_KEY,
    );
    expect((await call("GET", "/v1/me", { token: twelve })).status).toBe(200);
  });

  it("refuses --ttl over 12h with a clear message and a non-zero exit", async () => {
    const run = promisify(execFile)(
      "npx",
      ["tsx", "lib/local/token-cli.ts", "--role", "officer", "--org", "gm-zwolle", "--ttl", "24h"],
      {
        env: { ...process.env, DEV_SIGNING_KEY: TEST_SIGNING_KEY },
      },
    );
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe("");
    expect(failure?.stderr).toMatch(/--ttl 24h.*12h/);
  }, 30_000);
});
