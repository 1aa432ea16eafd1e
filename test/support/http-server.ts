import type { Server } from "node:http";
import { startHttpServer } from "../../functions/local.js";
import { checkResponse } from "./response-contract.js";

/** The local HTTP server on a random port, for e2e tests that talk HTTP as a client would. */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const { server, url } = await startHttpServer({ port: 0 });
  return { url, close: () => closeServer(server) };
}

function closeServer(server: Server) {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function http<T = any>(
  url: string,
  init: RequestInit & { token?: string; json?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const response = await fetch(url, {
    ...init,
    headers,
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const body = type.includes("json") && text ? JSON.parse(text) : text;
  if (new URL(url).pathname.startsWith("/v1/"))
    await checkResponse(init.method ?? "GET", url, response.status, type, body);
  return { status: response.status, headers: response.headers, body: body as T };
}
