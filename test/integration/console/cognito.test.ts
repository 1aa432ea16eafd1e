import { h, type VNode } from "preact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaHandlers } from "../../../functions/areas.js";
import {
  CALLBACK_PATH,
  cognitoSignIn,
  PENDING_COOKIE,
  SIGNED_OUT_PATH,
} from "../../../lib/console/cognito.js";
import { consoleHandler } from "../../../lib/console/handler.js";
import type { ConsolePage } from "../../../lib/console/page.js";
import { readSession, SESSION_COOKIE } from "../../../lib/console/session.js";
import { chooseSignIn } from "../../../lib/console/sign-in-choice.js";
import { toApiGatewayEvent } from "../../../lib/local/event.js";
import { dispatcher } from "../../../lib/local/server.js";
import { DEMO, seedDemo } from "../../support/api.js";
import { type FakeUser, startFakeCognito } from "./cognito-fake.js";

/**
 * Cognito's managed login for the console, against a fake token endpoint and JWKS on a local port
 * (no AWS): PKCE and state, the ID token verified and kept in the session, the API accepting it,
 * refresh, sign-out, and every way a callback can go wrong.
 */
const CLIENT_ID = "console-client";
const ORIGIN = "https://console.example.nl";
const OFFICER: FakeUser = {
  sub: "cognito-officer-1",
  "custom:role": "officer",
  "custom:org": DEMO.municipalities[0],
};

let fake: Awaited<ReturnType<typeof startFakeCognito>>;
const saved = { issuer: process.env.AUTH_ISSUER, audience: process.env.AUTH_AUDIENCE };

/** A page that needs the API: its answer proves the API accepted the session's Cognito token. */
const probe: ConsolePage = {
  method: "GET",
  path: "/console/probe",
  access: ["officer"],
  async handle(ctx) {
    const answer = await ctx.api.get<{ name: string }>(`/v1/organisations/${ctx.session!.org}`);
    if (!answer.ok)
      return { title: "refused", body: h("p", null, answer.problem.title), status: answer.problem.status };
    return { title: "probe", body: h("p", { id: "org-name" }, answer.body.name) as VNode };
  },
};

beforeAll(async () => {
  await seedDemo();
  fake = await startFakeCognito(CLIENT_ID);
  // The API's handlers, called in-process, verify the same tokens (lib/http/auth.ts).
  process.env.AUTH_ISSUER = fake.issuer;
  process.env.AUTH_AUDIENCE = CLIENT_ID;
});
afterAll(async () => {
  await fake.close();
  for (const [name, value] of [
    ["AUTH_ISSUER", saved.issuer],
    ["AUTH_AUDIENCE", saved.audience],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const signIn = () =>
  cognitoSignIn({ issuer: fake.issuer, clientId: CLIENT_ID, domain: fake.issuer, origin: ORIGIN });

function consoleAt(now: () => Date = () => new Date(), sign = signIn()) {
  return consoleHandler({ invoke: dispatcher(areaHandlers), pages: [probe], nav: [], signIn: sign, now });
}

type Handler = ReturnType<typeof consoleAt>;

/** A request as API Gateway delivers it: cookies in `event.cookies`, not in a header. */
async function send(
  handler: Handler,
  method: string,
  url: string,
  cookies: Record<string, string> = {},
  form?: Record<string, string>,
) {
  const headers: Record<string, string> = { host: "abc123.execute-api.eu-west-1.amazonaws.com" };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const event = toApiGatewayEvent({
    method,
    url,
    headers,
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const jar = Object.entries(cookies).map(([name, value]) => `${name}=${value}`);
  if (jar.length) event.cookies = jar;
  const result = await handler(event);
  const set = new Map<string, { value: string; attributes: string }>();
  for (const line of result.cookies ?? []) {
    const [pair = "", ...rest] = line.split(";");
    const at = pair.indexOf("=");
    set.set(pair.slice(0, at), { value: pair.slice(at + 1), attributes: rest.join(";").trim() });
  }
  const headersOut = (result.headers ?? {}) as Record<string, string>;
  return {
    status: result.statusCode,
    location: headersOut.location,
    headers: headersOut,
    body: result.body ?? "",
    cookies: set,
  };
}

/** GET /console/sign-in, the user passes the managed login, the browser comes back to the callback. */
async function signInThrough(handler: Handler, user: FakeUser = OFFICER, returnTo = "/console/probe") {
  const start = await send(handler, "GET", `/console/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  const pending = start.cookies.get(PENDING_COOKIE)!.value;
  const { code, state } = fake.authorize(start.location!, user);
  const back = await send(handler, "GET", `${CALLBACK_PATH}?code=${code}&state=${state}`, {
    [PENDING_COOKIE]: pending,
  });
  return { start, back, pending, state };
}

describe("Cognito managed login for the console", () => {
  it("sends a visitor to the managed login with PKCE (S256), state and nonce, remembered in a __Host- cookie", async () => {
    const start = await send(consoleAt(), "GET", "/console/sign-in?returnTo=%2Fconsole%2Fprobe");
    expect(start.status).toBe(303);
    const authorize = new URL(start.location!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.issuer}/oauth2/authorize`);
    const q = authorize.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: `${ORIGIN}${CALLBACK_PATH}`,
      scope: "openid email profile",
      code_challenge_method: "S256",
    });
    for (const name of ["state", "nonce", "code_challenge"])
      expect(q.get(name)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const pending = start.cookies.get(PENDING_COOKIE)!;
    expect(pending.attributes).toBe("Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax");
    // The verifier stays with the browser's cookie; the authorize URL carries only its hash.
    expect(start.location).not.toContain(
      JSON.parse(Buffer.from(pending.value, "base64url").toString()).verifier,
    );
  });

  it("exchanges the code with the PKCE verifier, keeps the ID token in a new session, and the API accepts it", async () => {
    const handler = consoleAt();
    const { start, back } = await signInThrough(handler);
    expect(back.status).toBe(303);
    expect(back.location).toBe("/console/probe");
    expect(back.cookies.get(PENDING_COOKIE)!.attributes).toContain("Max-Age=0");
    const sessionId = back.cookies.get(SESSION_COOKIE)!.value;
    const exchange = fake.calls.findLast((c) => c.grant_type === "authorization_code")!;
    expect(exchange.fields).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: `${ORIGIN}${CALLBACK_PATH}`,
    });
    expect(new URL(start.location!).searchParams.get("code_challenge")).toBeTruthy();
    const session = await readSession(sessionId, new Date());
    expect(session).toMatchObject({ sub: OFFICER.sub, role: "officer", org: DEMO.municipalities[0] });
    expect(session!.refreshToken).toBeTruthy();
    const page = await send(handler, "GET", "/console/probe", { [SESSION_COOKIE]: sessionId });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<p id="org-name">[^<]+<\/p>/);
  });

  it("refuses a callback this browser did not start: no pending cookie, another state, a replayed code", async () => {
    const handler = consoleAt();
    const start = await send(handler, "GET", "/console/sign-in");
    const pending = start.cookies.get(PENDING_COOKIE)!.value;
    const { code, state } = fake.authorize(start.location!, OFFICER);
    const noCookie = await send(handler, "GET", `${CALLBACK_PATH}?code=${code}&state=${state}`);
    const otherState = await send(handler, "GET", `${CALLBACK_PATH}?code=${code}&state=x${state.slice(1)}`, {
      [PENDING_COOKIE]: pending,
    });
    for (const answer of [noCookie, otherState]) {
      expect(answer.status).toBe(400);
      expect(answer.cookies.has(SESSION_COOKIE)).toBe(false);
      expect(answer.body).toContain('href="/console/sign-in"');
    }
    const first = await send(handler, "GET", `${CALLBACK_PATH}?code=${code}&state=${state}`, {
      [PENDING_COOKIE]: pending,
    });
    expect(first.status).toBe(303);
    const replay = await send(handler, "GET", `${CALLBACK_PATH}?code=${code}&state=${state}`, {
      [PENDING_COOKIE]: pending,
    });
    expect(replay.status).toBe(502);
    expect(replay.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("says so when the user cancels at the managed login", async () => {
    const handler = consoleAt();
    const start = await send(handler, "GET", "/console/sign-in");
    const state = new URL(start.location!).searchParams.get("state")!;
    const answer = await send(handler, "GET", `${CALLBACK_PATH}?error=access_denied&state=${state}`, {
      [PENDING_COOKIE]: start.cookies.get(PENDING_COOKIE)!.value,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("Het inloggen is afgebroken of geweigerd.");
  });

  it.each([
    ["a token signed by another key", { forged: true, nonce: "x" }, 502],
    ["a token for another sign-in (nonce)", { nonce: "another-sign-in" }, 502],
  ] as const)("creates no session from %s", async (_name, options, status) => {
    fake.settings.idTokenOverride = await fake.token(OFFICER, options);
    try {
      const { back } = await signInThrough(consoleAt());
      expect(back.status).toBe(status);
      expect(back.cookies.has(SESSION_COOKIE)).toBe(false);
    } finally {
      fake.settings.idTokenOverride = undefined;
    }
  });

  it("turns away an account without role or organisation (not invited through the console)", async () => {
    const { back } = await signInThrough(consoleAt(), { sub: "no-role-user", email: "a@example.nl" });
    expect(back.status).toBe(403);
    expect(back.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(back.body).toContain("geen rol of organisatie");
  });

  it("renews an expired ID token with the refresh token once, and keeps the renewed one", async () => {
    fake.settings.idTokenSeconds = 60;
    let sessionId: string;
    try {
      const { back } = await signInThrough(consoleAt());
      sessionId = back.cookies.get(SESSION_COOKIE)!.value;
    } finally {
      fake.settings.idTokenSeconds = 3600;
    }
    const later = consoleAt(() => new Date(Date.now() + 90_000));
    const refreshes = () => fake.calls.filter((c) => c.grant_type === "refresh_token").length;
    const before = refreshes();
    for (let i = 0; i < 2; i++) {
      const page = await send(later, "GET", "/console/probe", { [SESSION_COOKIE]: sessionId });
      expect(page.status).toBe(200);
    }
    expect(refreshes()).toBe(before + 1);
    const session = await readSession(sessionId, new Date());
    expect(session!.tokenExpiresAt).toBeGreaterThan(Math.floor(Date.now() / 1000) + 3000);
  });

  it("sends the visitor to sign in again when the refresh token is refused", async () => {
    fake.settings.idTokenSeconds = 60;
    let sessionId: string;
    try {
      sessionId = (await signInThrough(consoleAt())).back.cookies.get(SESSION_COOKIE)!.value;
    } finally {
      fake.settings.idTokenSeconds = 3600;
    }
    fake.settings.refuseRefresh = true;
    try {
      const page = await send(
        consoleAt(() => new Date(Date.now() + 90_000)),
        "GET",
        "/console/probe",
        {
          [SESSION_COOKIE]: sessionId,
        },
      );
      expect(page.status).toBe(303);
      expect(page.location).toBe("/console/sign-in?returnTo=%2Fconsole%2Fprobe");
    } finally {
      fake.settings.refuseRefresh = false;
    }
  });

  it("signs out through Cognito's logout endpoint, back to the signed-out page; the CSP lets the form go there", async () => {
    const handler = consoleAt();
    const sessionId = (await signInThrough(handler)).back.cookies.get(SESSION_COOKIE)!.value;
    const session = (await readSession(sessionId, new Date()))!;
    const out = await send(
      handler,
      "POST",
      "/console/sign-out",
      { [SESSION_COOKIE]: sessionId },
      { _csrf: session.csrf },
    );
    expect(out.status).toBe(303);
    const logout = new URL(out.location!);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${fake.issuer}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({
      client_id: CLIENT_ID,
      logout_uri: `${ORIGIN}${SIGNED_OUT_PATH}`,
    });
    expect(out.headers["content-security-policy"]).toContain(`form-action 'self' ${fake.issuer}`);
    expect(await readSession(sessionId, new Date())).toBeUndefined();
    const signedOut = await send(handler, "GET", SIGNED_OUT_PATH);
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toContain("U bent uitgelogd");
  });
});

describe("choosing the sign-in", () => {
  const cognito = {
    AUTH_ISSUER: "https://cognito-idp.eu-west-1.amazonaws.com/pool",
    CONSOLE_CLIENT_ID: "c",
    COGNITO_DOMAIN: "https://login.example.nl",
  };
  it("is Cognito's managed login when the stack configures it, even beside a development key", async () => {
    expect((await chooseSignIn(cognito)).kind).toBe("cognito");
    expect((await chooseSignIn({ ...cognito, DEV_SIGNING_KEY: "k".repeat(32) })).kind).toBe("cognito");
  });
  it("is the development sign-in only with the development key and no identity provider", async () => {
    expect((await chooseSignIn({ DEV_SIGNING_KEY: "k".repeat(32) })).kind).toBe("development");
    expect(
      (await chooseSignIn({ AUTH_ISSUER: cognito.AUTH_ISSUER, DEV_SIGNING_KEY: "k".repeat(32) })).kind,
    ).toBe("none");
    expect((await chooseSignIn({})).kind).toBe("none");
  });
});
