import { gunzipSync } from "node:zlib";
import type { HttpEvent, HttpResult } from "../../../lib/http/endpoint.js";
import { toApiGatewayEvent } from "../../../lib/local/event.js";

/** A console answer as a browser would read it: status, headers, body text and the cookies it sets. */
export interface ConsoleResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Cookies set, by name: value and the attributes as sent. */
  cookies: Map<string, { value: string; attributes: string }>;
  result: HttpResult;
}

export interface ConsoleRequest {
  cookies?: Record<string, string>;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** The gateway's request id (the correlation id); a fresh one otherwise. */
  requestId?: string;
}

export type ConsoleInvoke = (event: HttpEvent) => Promise<HttpResult>;

/** Sends one request to a console handler as API Gateway would. */
export async function consoleRequest(
  handler: ConsoleInvoke,
  method: string,
  url: string,
  request: ConsoleRequest = {},
): Promise<ConsoleResponse> {
  const headers: Record<string, string> = { host: "console.test", ...request.headers };
  if (request.cookies)
    headers.cookie = Object.entries(request.cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join("; ");
  let body: string | undefined;
  if (request.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(request.form).toString();
  }
  const event = toApiGatewayEvent({ method, url, headers, body });
  if (request.requestId) event.requestContext.requestId = request.requestId;
  const result = await handler(event);
  const bytes = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
  const text = (result.headers?.["content-encoding"] === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
  const cookies = new Map<string, { value: string; attributes: string }>();
  for (const line of result.cookies ?? []) {
    const [pair = "", ...rest] = line.split(";");
    const at = pair.indexOf("=");
    cookies.set(pair.slice(0, at).trim(), { value: pair.slice(at + 1), attributes: rest.join(";").trim() });
  }
  return {
    status: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    text,
    cookies,
    result,
  };
}
