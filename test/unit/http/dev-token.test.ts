import { createHmac } from "node:crypto";
import { type JWTPayload, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { CLOCK_SKEW_SECONDS, LOCAL_AUDIENCE, LOCAL_ISSUER, verifyDevToken } from "../../../lib/http/auth.js";

// The development key's tokens are checked with node:crypto instead of jose: each case here is
// also given to jose's jwtVerify with the options the service used before, and both must agree.
const KEY = "a-development-key-of-some-length";
const OTHER_KEY = "another-development-key-entirely";
const NOW = 1_800_000_000;
const secret = new TextEncoder().encode(KEY);

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** A compact JWS of any header and payload (also ones SignJWT refuses to make), HMAC-SHA256 signed. */
function handMade(header: unknown, payload: unknown, key = KEY): string {
  const signingInput = `${b64(header)}.${b64(payload)}`;
  return `${signingInput}.${createHmac("sha256", key).update(signingInput).digest("base64url")}`;
}

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  sub: "demo-officer",
  role: "officer",
  org: "gm-zwolle",
  iss: LOCAL_ISSUER,
  aud: LOCAL_AUDIENCE,
  iat: NOW - 10,
  exp: NOW + 3600,
  ...extra,
});

const signed = (payload: JWTPayload, key = KEY) =>
  new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(key));

type Outcome = "accepted" | "expired" | "refused";

async function joseOutcome(token: string): Promise<Outcome> {
  try {
    await jwtVerify(token, secret, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ["HS256"],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(NOW * 1000),
    });
    return "accepted";
  } catch (error) {
    return (error as { code?: string }).code === "ERR_JWT_EXPIRED" ? "expired" : "refused";
  }
}

function ownOutcome(token: string): Outcome {
  try {
    verifyDevToken(token, Buffer.from(KEY), NOW);
    return "accepted";
  } catch (error) {
    return (error as { code?: string }).code === "ERR_JWT_EXPIRED" ? "expired" : "refused";
  }
}

describe("development tokens (HS256 with the local key)", () => {
  const cases: [string, () => Promise<string> | string, Outcome][] = [
    ["a token of `npm run token`", () => signed(claims()), "accepted"],
    [
      "several audiences, ours among them",
      () => signed(claims({ aud: ["other", LOCAL_AUDIENCE] })),
      "accepted",
    ],
    ["expired beyond the clock skew", () => signed(claims({ exp: NOW - CLOCK_SKEW_SECONDS })), "expired"],
    [
      "expired within the clock skew",
      () => signed(claims({ exp: NOW - CLOCK_SKEW_SECONDS + 1 })),
      "accepted",
    ],
    [
      "not valid before a time beyond the skew",
      () => signed(claims({ nbf: NOW + CLOCK_SKEW_SECONDS + 1 })),
      "refused",
    ],
    [
      "not valid before a time within the skew",
      () => signed(claims({ nbf: NOW + CLOCK_SKEW_SECONDS })),
      "accepted",
    ],
    ["signed with another key", () => signed(claims(), OTHER_KEY), "refused"],
    ["another issuer", () => signed(claims({ iss: "someone-else" })), "refused"],
    ["no issuer", () => signed(claims({ iss: undefined })), "refused"],
    ["another audience", () => signed(claims({ aud: "another-service" })), "refused"],
    ["no audience", () => signed(claims({ aud: undefined })), "refused"],
    [
      "exp as a string",
      () => handMade({ alg: "HS256" }, claims({ exp: String(NOW + 60) as never })),
      "refused",
    ],
    ["iat as a string", () => handMade({ alg: "HS256" }, claims({ iat: "yesterday" as never })), "refused"],
    [
      "no exp (refused later, by the service's own rules)",
      () => signed(claims({ exp: undefined })),
      "accepted",
    ],
    ["alg none, unsigned", () => `${b64({ alg: "none" })}.${b64(claims())}.`, "refused"],
    ["alg HS512", () => handMade({ alg: "HS512" }, claims()), "refused"],
    [
      "an unknown critical header",
      () => handMade({ alg: "HS256", crit: ["exp"], exp: 1 }, claims()),
      "refused",
    ],
    [
      "an unencoded payload (b64: false)",
      () => handMade({ alg: "HS256", b64: false, crit: ["b64"] }, claims()),
      "refused",
    ],
    ["a payload that is an array", () => handMade({ alg: "HS256" }, [claims()]), "refused"],
    ["a payload that is not JSON", () => handMade({ alg: "HS256" }, "not json"), "refused"],
    ["a header that is not JSON", () => handMade("{alg", claims()), "refused"],
    ["two parts", async () => (await signed(claims())).split(".").slice(0, 2).join("."), "refused"],
    ["four parts", async () => `${await signed(claims())}.x`, "refused"],
    [
      "a tampered payload",
      async () => {
        const [h, , s] = (await signed(claims())).split(".");
        return `${h}.${b64(claims({ role: "admin" }))}.${s}`;
      },
      "refused",
    ],
    [
      "a signature with characters outside base64url",
      async () => `${(await signed(claims())).slice(0, -2)}+/`,
      "refused",
    ],
    [
      "an empty signature",
      async () => `${(await signed(claims())).split(".").slice(0, 2).join(".")}.`,
      "refused",
    ],
    ["not a token at all", () => "Bearer", "refused"],
  ];

  it.each(cases)("%s: as jose decides", async (_name, make, expected) => {
    const token = await make();
    expect(ownOutcome(token)).toBe(expected);
    expect(await joseOutcome(token)).toBe(expected);
  });

  it("returns the token's claims", async () => {
    expect(verifyDevToken(await signed(claims()), Buffer.from(KEY), NOW)).toEqual(claims());
  });
});
