import { randomUUID } from "node:crypto";
import type { HttpEvent, HttpResult } from "../http/endpoint.js";
import { toApiGatewayEvent } from "../local/event.js";

/** Hands an API request to the API's own handlers (in the same process), as API Gateway would. */
export type Invoke = (event: HttpEvent) => Promise<HttpResult>;

/** An RFC 9457 problem as the API answers it. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export type ApiAnswer<T> =
  | { ok: true; status: number; body: T; location?: string }
  | { ok: false; problem: Problem };

export interface ApiClient {
  get<T>(path: string): Promise<ApiAnswer<T>>;
  /** A change: JSON body (or text/csv for a string with `csv`), an Idempotency-Key when the route takes one. */
  send<T>(
    method: "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    options?: { idempotencyKey?: string; csv?: boolean },
  ): Promise<ApiAnswer<T>>;
  /** A download (a report's PDF or CSV): the bytes as they are, or where the API redirects to (a presigned URL). */
  file(path: string): Promise<FileAnswer>;
}

export type FileAnswer =
  | { ok: true; bytes: Buffer; contentType: string; disposition?: string; location?: undefined }
  | { ok: true; location: string }
  | { ok: false; problem: Problem };

/**
 * The console's only way to the data: every page calls the API's handlers with the signed-in user's
 * token, so each rule, permission check, idempotency guarantee and audit event is the API's own.
 */
export function apiClient(invoke: Invoke, token: string, correlationId?: string): ApiClient {
  const call = async <T>(
    method: string,
    path: string,
    body: unknown,
    options: { idempotencyKey?: string; csv?: boolean } = {},
  ): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      "x-correlation-id": correlationId ?? randomUUID(),
    };
    if (body !== undefined) headers["content-type"] = options.csv ? "text/csv" : "application/json";
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    const result = await invoke(
      toApiGatewayEvent({
        method,
        url: path,
        headers,
        body: body === undefined ? undefined : options.csv ? String(body) : JSON.stringify(body),
      }),
    );
    const text = result.isBase64Encoded
      ? Buffer.from(result.body ?? "", "base64").toString("utf8")
      : (result.body ?? "");
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (result.statusCode >= 400) return { ok: false, problem: parsed as Problem };
    const location = result.headers?.location;
    return {
      ok: true,
      status: result.statusCode,
      body: parsed as T,
      ...(location ? { location: String(location) } : {}),
    };
  };
  const file = async (path: string): Promise<FileAnswer> => {
    const result = await invoke(
      toApiGatewayEvent({
        method: "GET",
        url: path,
        headers: { authorization: `Bearer ${token}`, "x-correlation-id": correlationId ?? randomUUID() },
      }),
    );
    const bytes = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
    if (result.statusCode >= 400)
      return { ok: false, problem: JSON.parse(bytes.toString("utf8")) as Problem };
    const header = (name: string) => {
      const value = result.headers?.[name];
      return value === undefined ? undefined : String(value);
    };
    const location = header("location");
    if (result.statusCode >= 300 && location) return { ok: true, location };
    const disposition = header("content-disposition");
    return {
      ok: true,
      bytes,
      contentType: header("content-type") ?? "application/octet-stream",
      ...(disposition ? { disposition } : {}),
    };
  };
  return {
    get: (path) => call("GET", path, undefined),
    send: (method, path, body, options) => call(method, path, body, options),
    file,
  };
}

/** A problem's field errors keyed by form field name: `body.title` → `title`, `body.lines.0.units` → `lines.0.units`. */
export function fieldErrorsOf(problem: Problem): Map<string, string> {
  const errors = new Map<string, string>();
  for (const { path, message } of problem.errors ?? []) {
    const field = path.replace(/^(body|query)\.?/, "");
    if (!errors.has(field)) errors.set(field, message);
  }
  return errors;
}
