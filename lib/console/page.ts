import type { VNode } from "preact";
import type { Role } from "../operation.js";
import type { ApiClient } from "./api.js";
import type { Lang } from "./i18n.js";
import type { ConsoleSession } from "./session.js";

/** What a page handler gets: the request, the visitor's language and session, and the API. */
export interface PageContext {
  method: "GET" | "POST";
  /** The path asked for, with its query: where to come back to. */
  url: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The fields of a posted form (`application/x-www-form-urlencoded`); empty otherwise. */
  form: URLSearchParams;
  /** The raw body and its type, for the forms that upload a file (`multipart/form-data`). */
  rawBody: Buffer;
  contentType: string;
  headers: Record<string, string | undefined>;
  /** The request's cookies (API Gateway passes them apart from the headers). */
  cookies?: ReadonlyMap<string, string>;
  lang: Lang;
  /** The service's clock (lib/http/clock.ts), as the API's use cases see it: for a page's defaults. */
  now: Date;
  /** The wall clock: for sessions and tokens, which expire in real time. */
  requestTime: Date;
  /** The signed-in user; pages open to anyone may have none. */
  session: ConsoleSession | undefined;
  /** The API as the signed-in user; throws on a page open to anyone when nobody is signed in. */
  api: ApiClient;
  correlationId: string;
}

/** A page inside the console's layout; `status` 400/422 when a form comes back with its errors. */
export interface HtmlResult {
  title: string;
  body: VNode;
  status?: number;
  /** Extra headers (cookies a page sets). */
  cookies?: string[];
}

export interface RedirectResult {
  redirect: string;
  cookies?: string[];
}

/** A file (a downloaded report, an asset) passed through as is. */
export interface FileResult {
  file: { bytes: Buffer; contentType: string; headers?: Record<string, string> };
}

export type PageResult = HtmlResult | RedirectResult | FileResult;

/** Who may open a page: anyone (signing in, assets), or the signed-in users of these roles. */
export type PageAccess = "anyone" | readonly Role[];

export interface ConsolePage {
  method: "GET" | "POST";
  /** `/console/tenders/{tenderId}`: `{name}` matches one path segment. */
  path: string;
  access: PageAccess;
  /** The same for every visitor (assets): the session is not read, which saves a database call. */
  sessionless?: true;
  handle(ctx: PageContext): Promise<PageResult>;
}

/** A link in the header's navigation, for the roles it is meant for. */
export interface NavItem {
  href: string;
  label: { nl: string; en: string };
  roles: readonly Role[];
}

export const isRedirect = (result: PageResult): result is RedirectResult => "redirect" in result;
export const isFile = (result: PageResult): result is FileResult => "file" in result;

/** A POST that worked goes back to a page (Post/Redirect/Get), with a notice the page can show. */
export const redirectTo = (path: string, notice?: string): RedirectResult => ({
  redirect: notice ? `${path}${path.includes("?") ? "&" : "?"}notice=${encodeURIComponent(notice)}` : path,
});
