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
    bytes,
    html: bytes.toString("utf8"),
    location: result.headers.location as string | undefined,
    cookies: result.cookies ?? [],
  };
}

export type Visitor = Awaited<ReturnType<typeof consoleVisitor>>;

/** A page as the visitor opens it, or, with `form`, the form it posts (with its CSRF token). */
export async function openAs(who: Visitor, path: string, form?: Record<string, string>) {
  const answer = await invokeConsole(
    form ? "POST" : "GET",
    path,
    { cookie: who.cookie, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    form ? new URLSearchParams({ _csrf: who.csrf, ...form }).toString() : undefined,
  );
  return { ...answer, location: answer.location ?? "" };
}

/** Text as written in HTML (an attribute's value, a cell), its entities read. */
export const fromHtml = (html: string) =>
  html
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The fields a page's form is filled with, as a browser would send them (checked boxes only, no `_` fields). */
export function formValues(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"_][^"]*)"[^>]*>/g)) {
    const tag = m[0];
    if (tag.includes('type="checkbox"') && !tag.includes("checked")) continue;
    values[m[1]!] = fromHtml(/value="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    values[m[1]!] = fromHtml(m[2]!);
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<option value="([^"]*)" selected/g))
    values[m[1]!] = m[2]!;
  return values;
}

/** The value of a hidden field in a page's form. */
export const hiddenValue = (html: string, name: string) =>
  fromHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "");

/** The text of an HTML page without its tags, spaces collapsed: what a reader sees. */
export const textOf = (html: string) =>
  fromHtml(html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
