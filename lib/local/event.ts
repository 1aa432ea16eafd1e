import { randomUUID } from "node:crypto";
import { type HttpEvent, lowerCaseHeaders } from "../http/endpoint.js";
import { type Area, FALLBACK_ROUTE_KEY, matchRoute, routeKey, routes } from "../http/routes.js";

const TEXT_TYPES = /^(application\/(json|[\w.+-]+\+json|x-www-form-urlencoded)|text\/)/i;

export interface RawRequest {
  method: string;
  /** Path with query string, e.g. /v1/audit?entity=region:x */
  url: string;
  headers: Record<string, string>;
  body?: Buffer | string | undefined;
  sourceIp?: string;
  host?: string;
}

/**
 * Builds the payload-2.0 event API Gateway's HTTP API would send for a request. The path is taken as
 * sent, never parsed as a URL: an odd request target ("//host/x", "*", malformed escapes) reaches the
 * router, which answers 404 or 400, instead of failing here.
 */
export function toApiGatewayEvent(request: RawRequest): HttpEvent {
  const host = request.host ?? "127.0.0.1";
  const at = request.url.indexOf("?");
  const rawPath = at < 0 ? request.url : request.url.slice(0, at);
  const rawQueryString = at < 0 ? "" : request.url.slice(at + 1);
  const method = request.method.toUpperCase();
  const { match } = matchRoute(method, rawPath);
  const key = match ? routeKey(match.route) : FALLBACK_ROUTE_KEY;
  const headers = lowerCaseHeaders(request.headers);
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString))
    query[name] = name in query ? `${query[name]},${value}` : value;
  const body =
    typeof request.body === "string" ? Buffer.from(request.body, "utf8") : (request.body ?? Buffer.alloc(0));
  const isText = TEXT_TYPES.test(headers["content-type"] ?? "application/json");
  const now = new Date();
  return {
    version: "2.0",
    routeKey: key,
    rawPath,
    rawQueryString,
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(match && Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: "local",
      apiId: "local",
      domainName: host,
      domainPrefix: host.split(".")[0] ?? "local",
      http: {
        method,
        path: rawPath,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

const AREA_OF_ROUTE = new Map<string, Area>(routes.map((r) => [routeKey(r), r.area]));

/** The area that serves a request: its route's, or the platform's fallback (404/405). */
export const areaOf = (event: HttpEvent): Area => AREA_OF_ROUTE.get(event.routeKey) ?? "platform";
