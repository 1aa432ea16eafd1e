import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { invoke } from "../../../functions/local.js";
import { developmentSignIn } from "../../../lib/console/dev-sign-in.js";
import { consoleHandler } from "../../../lib/console/handler.js";
import { LANG_COOKIE, readSession, SESSION_COOKIE, SESSION_SECONDS } from "../../../lib/console/session.js";
import { installCallCounter } from "../../../lib/store/call-counter.js";
import { db } from "../../../lib/store/client.js";
import { TEST_SIGNING_KEY } from "../../support/setup-env.js";
import { testPages } from "./core-pages.js";
import { type ConsoleResponse, consoleRequest } from "./core-support.js";

let now = new Date();
const handler = consoleHandler({
  invoke,
  pages: testPages,
  nav: [],
  signIn: developmentSignIn(TEST_SIGNING_KEY),
  now: () => now,
});
const send = (method: string, url: string, request?: Parameters<typeof consoleRequest>[3]) =>
  consoleRequest(handler, method, url, request);

/** Identities of the development sign-in: 0 is an officer, 3 a supplier (DEMO_SIGN_INS). */
const OFFICER = 0;
const SUPPLIER = 3;

async function signIn(identity: number, returnTo = "/console/") {
  const answer = await send("POST", "/console/sign-in", {
    form: { identity: String(identity), returnTo },
    headers: { origin: "https://console.test", "sec-fetch-site": "same-origin" },
  });
  const id = answer.cookies.get(SESSION_COOKIE)!.value;
  const session = (await readSession(id, now))!;
  return { answer, id, session, cookies: { [SESSION_COOKIE]: id } };
}

const cspOf = (answer: ConsoleResponse) => answer.headers["content-security-policy"] ?? "";

describe("console handler", () => {
  it("sends a visitor without a session to sign in, and back to the page asked for", async () => {
    const first = await send("GET", "/console/test/officers/ann?tab=2");
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(
      `/console/sign-in?returnTo=${encodeURIComponent("/console/test/officers/ann?tab=2")}`,
    );
    const signInPage = await send("GET", first.headers.location!);
    expect(signInPage.status).toBe(200);
    expect(signInPage.text).toContain('name="returnTo" value="/console/test/officers/ann?tab=2"');

    const { answer, cookies } = await signIn(OFFICER, "/console/test/officers/ann?tab=2");
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe("/console/test/officers/ann?tab=2");
    expect(answer.cookies.get(SESSION_COOKIE)!.attributes).toBe(
      `Path=/; Max-Age=${SESSION_SECONDS}; Secure; HttpOnly; SameSite=Lax`,
    );
    const page = await send("GET", "/console/test/officers/ann?tab=2", { cookies });
    expect(page.status).toBe(200);
    expect(page.text).toContain("Officer page ann");
  });

  it("never sends a visitor elsewhere after signing in", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example/console/", "/v1/health"]) {
      const { answer } = await signIn(OFFICER, returnTo);
      expect(answer.headers.location).toBe("/console/");
    }
  });

  it("answers a page of another role with a 403 page, not the page", async () => {
    const { cookies } = await signIn(SUPPLIER);
    const answer = await send("GET", "/console/test/officers/ann", { cookies });
    expect(answer.status).toBe(403);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.text).toContain('<h1 class="utrecht-heading-1">Geen toegang</h1>');
    expect(answer.text).not.toContain("Officer page");
  });

  it("refuses a form posted without the session's CSRF token, and takes it with the token", async () => {
    const { cookies, session } = await signIn(OFFICER);
    const form = await send("GET", "/console/test/form", { cookies });
    expect(form.text).toContain(`name="_csrf" value="${session.csrf}"`);

    const without = await send("POST", "/console/test/form", { cookies, form: { value: "a" } });
    expect(without.status).toBe(403);
    expect(without.text).toContain("Formulier verlopen");
    const wrong = await send("POST", "/console/test/form", {
      cookies,
      form: { value: "a", _csrf: randomBytes(32).toString("base64url") },
    });
    expect(wrong.status).toBe(403);
    const other = await signIn(SUPPLIER);
    const othersToken = await send("POST", "/console/test/form", {
      cookies,
      form: { value: "a", _csrf: other.session.csrf },
    });
    expect(othersToken.status).toBe(403);

    const right = await send("POST", "/console/test/form", {
      cookies,
      form: { value: "a", _csrf: session.csrf },
    });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe("/console/test/form?got=a");
  });

  it("refuses a sign-in posted from another site", async () => {
    const answer = await send("POST", "/console/sign-in", {
      form: { identity: String(OFFICER) },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(answer.status).toBe(403);
    expect(answer.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("answers an unknown page with a 404 page, signed in or not", async () => {
    const { cookies } = await signIn(OFFICER);
    for (const request of [{}, { cookies }]) {
      const answer = await send("GET", "/console/no/such/page", request);
      expect(answer.status).toBe(404);
      expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(answer.text).toContain("Pagina niet gevonden");
    }
  });

  it("answers a page that fails with a 500 page naming the correlation id", async () => {
    const { cookies } = await signIn(OFFICER);
    const requestId = randomUUID();
    const answer = await send("GET", "/console/test/fails", { cookies, requestId });
    expect(answer.status).toBe(500);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.text).toContain("Er ging iets mis");
    expect(answer.text).toContain(requestId);
    expect(answer.text).not.toContain("the page broke");
  });

  it("calls the API as the signed-in user", async () => {
    const { cookies } = await signIn(OFFICER);
    const answer = await send("GET", "/console/test/health", { cookies });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/<h1 class="utrecht-heading-1">(ok|up|healthy)<\/h1>/);
  });

  it("sends a Content-Security-Policy without 'unsafe-inline' on every kind of answer", async () => {
    const { cookies } = await signIn(OFFICER);
    const page = await send("GET", "/console/test/officers/ann", { cookies });
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)![1]!;
    const answers = [
      page,
      await send("GET", "/"),
      await send("GET", "/console/test/officers/ann"),
      await send("GET", "/console/sign-in"),
      await send("GET", stylesheet),
      await send("GET", "/console/nothing-here", { cookies }),
      await send("GET", "/console/test/fails", { cookies }),
      await send("POST", "/console/test/form", { cookies, form: {} }),
      await send("DELETE", "/console/test/form", { cookies }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 303, 303, 200, 200, 404, 500, 403, 405]);
    for (const answer of answers) {
      const csp = cspOf(answer);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    // And the pages need nothing inline: no style attribute, no script without a src.
    for (const html of [page.text, answers[3]!.text, answers[5]!.text]) {
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
  });

  it("ends the session on sign-out: the item is deleted and the cookie cleared", async () => {
    const { cookies, id, session } = await signIn(OFFICER);
    const refused = await send("POST", "/console/sign-out", { cookies, form: {} });
    expect(refused.status).toBe(403);
    expect((await readSession(id, now))?.csrf).toBe(session.csrf);

    const answer = await send("POST", "/console/sign-out", { cookies, form: { _csrf: session.csrf } });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe("/console/sign-in?notice=signed-out");
    expect(answer.cookies.get(SESSION_COOKIE)).toEqual({
      value: "",
      attributes: expect.stringContaining("Max-Age=0"),
    });
    expect(await readSession(id, now)).toBeUndefined();
    const after = await send("GET", "/console/test/officers/ann", { cookies });
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/console\/sign-in\?returnTo=/);
  });

  it("sends an expired, unknown or malformed session to sign in", async () => {
    const { cookies } = await signIn(OFFICER);
    const unknown = { [SESSION_COOKIE]: randomBytes(32).toString("base64url") };
    const malformed = { [SESSION_COOKIE]: "not-a-session" };
    for (const jar of [unknown, malformed]) {
      const answer = await send("GET", "/console/test/officers/ann", { cookies: jar });
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe(
        `/console/sign-in?returnTo=${encodeURIComponent("/console/test/officers/ann")}`,
      );
    }
    const signedIn = now;
    try {
      now = new Date(signedIn.getTime() + (SESSION_SECONDS - 10) * 1000);
      // The API token inside is about to expire and the development sign-in cannot renew it.
      const late = await send("GET", "/console/test/officers/ann", { cookies });
      expect(late.status).toBe(303);
      now = new Date(signedIn.getTime() + (SESSION_SECONDS + 1) * 1000);
      const expired = await send("GET", "/console/test/officers/ann", { cookies });
      expect(expired.status).toBe(303);
      expect(expired.headers.location).toMatch(/^\/console\/sign-in\?returnTo=/);
    } finally {
      now = signedIn;
    }
    expect((await send("GET", "/console/test/officers/ann", { cookies })).status).toBe(200);
  });

  it("remembers the language chosen, and speaks Dutch until then", async () => {
    const { cookies } = await signIn(OFFICER);
    const dutch = await send("GET", "/console/test/nothing", { cookies });
    expect(dutch.headers["content-language"]).toBe("nl");
    expect(dutch.text).toContain('<html lang="nl"');

    const choose = await send(
      "GET",
      `/console/language?to=en&back=${encodeURIComponent("/console/test/nothing")}`,
    );
    expect(choose.status).toBe(303);
    expect(choose.headers.location).toBe("/console/test/nothing");
    const chosen = choose.cookies.get(LANG_COOKIE)!;
    expect(chosen.value).toBe("en");
    expect(chosen.attributes).toBe(`Path=/; Max-Age=${365 * 24 * 3600}; Secure; HttpOnly; SameSite=Lax`);

    const english = await send("GET", "/console/test/nothing", {
      cookies: { ...cookies, [LANG_COOKIE]: "en" },
    });
    expect(english.headers["content-language"]).toBe("en");
    expect(english.text).toContain('<html lang="en"');
    expect(english.text).toContain("Page not found");

    const odd = await send("GET", "/console/language?to=fr&back=https://evil.example/");
    expect(odd.headers.location).toBe("/console/");
    expect(odd.cookies.has(LANG_COOKIE)).toBe(false);
    const unknownLanguage = await send("GET", "/console/test/nothing", {
      cookies: { ...cookies, [LANG_COOKIE]: "fr" },
    });
    expect(unknownLanguage.headers["content-language"]).toBe("nl");
  });

  it("serves the hashed assets a page links, gzipped and cached for a year", async () => {
    const page = await send("GET", "/console/sign-in");
    const stylesheet = /<link rel="stylesheet" href="(\/console\/assets\/console\.[\w-]+\.css)"/.exec(
      page.text,
    )![1]!;
    const favicon = /<link rel="icon" href="(\/console\/assets\/favicon\.[\w-]+\.svg)"/.exec(page.text)![1]!;
    const gzipped = await send("GET", stylesheet, { headers: { "accept-encoding": "gzip, br" } });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(gzipped.headers.vary).toBe("accept-encoding");
    expect(gzipped.text).toContain(".utrecht-button");
    const plain = await send("GET", stylesheet);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text).toBe(gzipped.text);
    const icon = await send("GET", favicon);
    expect(icon.headers["content-type"]).toBe("image/svg+xml");
    expect((await send("GET", "/console/assets/console.css")).status).toBe(404);
  });

  it("serves an asset without reading the session, and a page with it", async () => {
    const { cookies } = await signIn(OFFICER);
    const page = await send("GET", "/console/sign-in", { cookies });
    const stylesheet = /href="(\/console\/assets\/console\.[\w-]+\.css)"/.exec(page.text)![1]!;
    const counter = installCallCounter(db);
    try {
      const asset = await counter.counted(() => send("GET", stylesheet, { cookies }));
      expect(asset.result.status).toBe(200);
      expect(asset.calls).toEqual([]);
      const signedIn = await counter.counted(() => send("GET", "/console/test/officers/ann", { cookies }));
      expect(signedIn.result.status).toBe(200);
      expect(signedIn.calls.map((c) => c.command)).toContain("GetItemCommand");
    } finally {
      counter.remove();
    }
  });

  it("answers a path with a malformed escape as not found", async () => {
    const { cookies } = await signIn(OFFICER);
    const answer = await send("GET", "/console/test/officers/%E0%A4%A", { cookies });
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"]).toContain("text/html");
  });
});

describe("the deployed console function", () => {
  it("redirects the site's root to the console and the console's root to sign in", async () => {
    const root = await consoleRequest(invoke, "GET", "/");
    expect(root.status).toBe(303);
    expect(root.headers.location).toBe("/console/");
    const home = await consoleRequest(invoke, "GET", "/console/");
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe(`/console/sign-in?returnTo=${encodeURIComponent("/console/")}`);
  });
});
