import { invoke } from "../../../functions/local.js";
import { createSession, LANG_COOKIE, SESSION_COOKIE } from "../../../lib/console/session.js";
import { toApiGatewayEvent } from "../../../lib/local/event.js";
import { tokenFor } from "../../support/api.js";

/** What the console's pages are tested with in-process: sessions, requests and the text a reader sees. */

/**
 * A console session of the demo `role` of `org`, as signing in makes it. Sessions and tokens live in
 * real time (the console reads the wall clock), whatever the API's clock in the test.
 */
export async function consoleSession(role: string, org: string) {
  const token = await tokenFor(role, org);
  return createSession(
    { sub: `test-${role}-${org}`, role, org },
    { token, tokenExpiresAt: Math.floor(Date.now() / 1000) + 3600 },
    new Date(),
  );
}

/** The session's cookie (with a language cookie when asked) and its CSRF token, for forms. */
export async function consoleVisitor(role: string, org: string, lang?: "en") {
  const session = await consoleSession(role, org);
  const cookie = `${SESSION_COOKIE}=${session.id}${lang ? `; ${LANG_COOKIE}=${lang}` : ""}`;
  return { cookie, csrf: session.csrf };
}

/** One request to the local handler (console and API), its body read as text. */
export async function invokeConsole(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string | Buffer,
) {
  const result = await invoke(toApiGatewayEvent({ method, url, headers, body }));
  const bytes = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
  return {
    status: result.statusCode,
    headers: result.headers as Record<string, string>,
    html: bytes.toString("utf8"),
    location: result.headers.location as string | undefined,
    cookies: result.cookies ?? [],
  };
}

/** The text of an HTML page without its tags, spaces collapsed: what a reader sees. */
export const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
