import { randomUUID } from "node:crypto";
import { render } from "preact-render-to-string";
import type { HttpEvent, HttpResult } from "../http/endpoint.js";
import { lowerCaseHeaders } from "../http/endpoint.js";
import { clock } from "../http/clock.js";
import { logger } from "../http/observability.js";
import { acceptsGzip } from "../api-reference/replies.js";
import { type ApiClient, apiClient, type Invoke } from "./api.js";
import { assetNamed, ASSET_PATH, faviconUrl, stylesheetUrl } from "./assets/assets.js";
import { DEFAULT_LANG, inLang, isLang, type Lang } from "./i18n.js";
import { Layout } from "./layout.js";
import { messagePage } from "./message-page.js";
import { common } from "./messages.js";
import type { ConsolePage, HtmlResult, NavItem, PageContext, PageResult } from "./page.js";
import { isFile, isRedirect } from "./page.js";
import { CONSOLE_BASE, safeReturnPath } from "./paths.js";
import {
  type ConsoleSession,
  LANG_COOKIE,
  SESSION_COOKIE,
  cookie,
  csrfMatches,
  endSession,
  parseCookies,
  readSession,
} from "./session.js";
import type { SignIn } from "./sign-in.js";

const YEAR = 365 * 24 * 3600;

/** Nothing but the service's own files; no inline script or style, no framing. */
export function contentSecurityPolicy(formActionOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "script-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self'${formActionOrigins.map((o) => ` ${o}`).join("")}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
}

interface CompiledPage {
  page: ConsolePage;
  pattern: RegExp;
  names: string[];
}

function compile(page: ConsolePage): CompiledPage {
  const names: string[] = [];
  const source = page.path
    .split("/")
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("/");
  return { page, pattern: new RegExp(`^${source}$`), names };
}

export interface ConsoleOptions {
  invoke: Invoke;
  pages: readonly ConsolePage[];
  nav: readonly NavItem[];
  signIn: SignIn;
  /** The wall clock sessions and tokens are measured on (tests move it); pages get the service's clock. */
  now?: () => Date;
}

/** The console's Lambda handler: server-rendered pages over the API's own handlers. */
export function consoleHandler(options: ConsoleOptions): (event: HttpEvent) => Promise<HttpResult> {
  const { signIn } = options;
  const csp = contentSecurityPolicy(signIn.formActionOrigins);
  const builtIn: ConsolePage[] = [
    ...signIn.pages,
    {
      method: "POST",
      path: "/console/sign-out",
      access: "anyone",
      async handle(ctx) {
        if (ctx.session) await endSession(ctx.session.id);
        return {
          redirect: signIn.signOutLocation(`https://${ctx.headers.host ?? ""}`),
          cookies: [cookie(SESSION_COOKIE, "", 0)],
        };
      },
    },
    {
      method: "GET",
      path: "/console/language",
      access: "anyone",
      async handle(ctx) {
        const to = ctx.query.get("to");
        return {
          redirect: safeReturnPath(ctx.query.get("back")),
          cookies: isLang(to) ? [cookie(LANG_COOKIE, to, YEAR)] : [],
        };
      },
    },
    {
      method: "GET",
      path: `${ASSET_PATH}/{file}`,
      access: "anyone",
      sessionless: true,
      async handle(ctx) {
        const asset = assetNamed(ctx.params.file!);
        if (!asset) return notFound(ctx);
        const gzip = acceptsGzip(ctx.headers["accept-encoding"]);
        return {
          file: {
            bytes: gzip ? asset.gzipped : asset.bytes,
            contentType: asset.contentType,
            headers: {
              "cache-control": `public, max-age=${YEAR}, immutable`,
              vary: "accept-encoding",
              ...(gzip ? { "content-encoding": "gzip" } : {}),
            },
          },
        };
      },
    },
  ];
  const compiled = [...builtIn, ...options.pages].map(compile);
  const decoded = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return undefined;
    }
  };

  const match = (method: string, path: string) => {
    let pathMatched = false;
    for (const c of compiled) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (c.page.method !== method) continue;
      const params: Record<string, string> = {};
      for (const [i, name] of c.names.entries()) {
        const value = decoded(m[i + 1]!);
        // A malformed escape names nothing here: not found.
        if (value === undefined) return { pathMatched };
        params[name] = value;
      }
      return { page: c.page, params };
    }
    return { pathMatched };
  };

  const htmlResponse = (ctx: PageContext, result: HtmlResult): HttpResult => {
    const html = render(
      <Layout
        title={result.title}
        lang={ctx.lang}
        url={ctx.url}
        path={ctx.path}
        stylesheet={stylesheetUrl()}
        favicon={faviconUrl()}
        session={ctx.session}
        nav={options.nav}
      >
        {result.body}
      </Layout>,
    );
    return {
      statusCode: result.status ?? 200,
      headers: {
        ...securityHeaders(csp),
        "content-type": "text/html; charset=utf-8",
        "content-language": ctx.lang,
        vary: "cookie",
      },
      ...(result.cookies?.length ? { cookies: result.cookies } : {}),
      body: `<!DOCTYPE html>${html}`,
    };
  };

  const toResult = (ctx: PageContext, result: PageResult): HttpResult => {
    if (isRedirect(result))
      return {
        statusCode: 303,
        headers: { ...securityHeaders(csp), location: result.redirect },
        ...(result.cookies?.length ? { cookies: result.cookies } : {}),
      };
    if (isFile(result))
      return {
        statusCode: 200,
        headers: { ...securityHeaders(csp), "content-type": result.file.contentType, ...result.file.headers },
        body: result.file.bytes.toString("base64"),
        isBase64Encoded: true,
      };
    return htmlResponse(ctx, result);
  };

  return async (event) => {
    const now = options.now?.() ?? new Date();
    const headers = lowerCaseHeaders(event.headers);
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath;
    if (path === "/" || path === CONSOLE_BASE)
      return { statusCode: 303, headers: { ...securityHeaders(csp), location: `${CONSOLE_BASE}/` } };
    const cookies = parseCookies(event.cookies?.join("; ") ?? headers.cookie);
    const lang: Lang = (() => {
      const chosen = cookies.get(LANG_COOKIE);
      return isLang(chosen) ? chosen : DEFAULT_LANG;
    })();
    const rawBody = event.body
      ? Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8")
      : Buffer.alloc(0);
    const contentType = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    const correlationId = event.requestContext.requestId ?? randomUUID();
    const found = match(method === "HEAD" ? "GET" : method, path);
    const sessionless = "page" in found && found.page?.sessionless;
    let session = sessionless ? undefined : await readSession(cookies.get(SESSION_COOKIE), now);
    const url = event.rawQueryString ? `${path}?${event.rawQueryString}` : path;
    const ctx: PageContext = {
      method: method === "POST" ? "POST" : "GET",
      url,
      path,
      params: {},
      query: new URLSearchParams(event.rawQueryString ?? ""),
      form:
        method === "POST" && contentType === "application/x-www-form-urlencoded"
          ? new URLSearchParams(rawBody.toString("utf8"))
          : new URLSearchParams(),
      rawBody,
      contentType,
      headers,
      cookies,
      lang,
      now: clock.now(),
      requestTime: now,
      session,
      api: noApi,
      correlationId,
    };
    try {
      if (method !== "GET" && method !== "POST" && method !== "HEAD") return notAllowedResult(csp);
      if (!("page" in found) || !found.page) return toResult(ctx, notFound(ctx));
      const { page, params } = found;
      ctx.params = params;
      if (page.access !== "anyone") {
        if (!session)
          return toResult(ctx, { redirect: `/console/sign-in?returnTo=${encodeURIComponent(url)}` });
        if (!page.access.includes(session.role as never)) return toResult(ctx, forbidden(ctx));
      }
      if (method === "POST" && !postAllowed(ctx, session)) return toResult(ctx, formExpired(ctx));
      if (session) {
        session = await withFreshToken(session, signIn, now);
        if (!session)
          return toResult(ctx, { redirect: `/console/sign-in?returnTo=${encodeURIComponent(url)}` });
        ctx.session = session;
        ctx.api = apiClient(options.invoke, session.token, correlationId);
      }
      return toResult(ctx, await page.handle(ctx));
    } catch (error) {
      logger.error("console page failed", { error: error as Error, path, correlationId });
      return toResult(ctx, serverError(ctx));
    }
  };
}

/** Forms of a session carry its token; the one form without a session (signing in) must come from this site. */
function postAllowed(ctx: PageContext, session: ConsoleSession | undefined): boolean {
  if (session) return csrfMatches(session, ctx.form.get("_csrf") ?? multipartCsrf(ctx));
  const site = ctx.headers["sec-fetch-site"];
  if (site && site !== "same-origin") return false;
  const origin = ctx.headers.origin;
  return !origin || origin === `http://${ctx.headers.host}` || origin === `https://${ctx.headers.host}`;
}

/** The `_csrf` field of a multipart upload (the file form), read without parsing the rest. */
function multipartCsrf(ctx: PageContext): string | undefined {
  if (ctx.contentType !== "multipart/form-data") return undefined;
  return /name="_csrf"\r\n\r\n([A-Za-z0-9_-]+)\r\n/.exec(ctx.rawBody.toString("latin1"))?.[1];
}

async function withFreshToken(session: ConsoleSession, signIn: SignIn, now: Date) {
  if (session.tokenExpiresAt > Math.floor(now.getTime() / 1000) + 30) return session;
  const renewed = await signIn.refresh(session, now);
  return renewed ? { ...session, ...renewed } : undefined;
}

const noApi: ApiClient = {
  get: () => Promise.reject(new Error("nobody is signed in")),
  send: () => Promise.reject(new Error("nobody is signed in")),
  file: () => Promise.reject(new Error("nobody is signed in")),
};

function securityHeaders(csp: string): Record<string, string> {
  return {
    "content-security-policy": csp,
    "strict-transport-security": "max-age=63072000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cache-control": "no-store",
  };
}

const notFound = (ctx: PageContext) =>
  messagePage(ctx, 404, inLang(common, ctx.lang).notFoundTitle, inLang(common, ctx.lang).notFoundText);
const forbidden = (ctx: PageContext) =>
  messagePage(ctx, 403, inLang(common, ctx.lang).forbiddenTitle, inLang(common, ctx.lang).forbiddenText);
const formExpired = (ctx: PageContext) =>
  messagePage(ctx, 403, inLang(common, ctx.lang).formExpiredTitle, inLang(common, ctx.lang).formExpiredText);
const serverError = (ctx: PageContext) =>
  messagePage(
    ctx,
    500,
    inLang(common, ctx.lang).errorTitle,
    inLang(common, ctx.lang).errorText(ctx.correlationId),
  );

const notAllowedResult = (csp: string): HttpResult => ({
  statusCode: 405,
  headers: { ...securityHeaders(csp), allow: "GET, POST", "content-type": "text/plain; charset=utf-8" },
  body: "Method not allowed",
});
