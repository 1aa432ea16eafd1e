import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpEvent, HttpHandler, HttpResult } from "../http/endpoint.js";
import { HttpError, problemResult } from "../http/problem.js";
import type { Area } from "../http/routes.js";
import { lambdaContext } from "./context.js";
import { areaOf, toApiGatewayEvent } from "./event.js";

/** API Gateway HTTP APIs refuse payloads over 10 MB before any function runs. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_BODY_LIMIT) return "too-large";
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function reply(res: ServerResponse, result: HttpResult) {
  const cookies = result.cookies?.length ? { "set-cookie": result.cookies } : {};
  res.writeHead(result.statusCode, { ...result.headers, ...cookies });
  if (result.body === undefined) return res.end();
  res.end(result.isBase64Encoded ? Buffer.from(result.body, "base64") : result.body);
}

/** Loads an area's deployed handler export on first use. */
export type AreaHandlers = Record<Area, () => Promise<HttpHandler>>;
export type Invoke = (event: HttpEvent) => Promise<HttpResult>;

/** Invokes the deployed handler export of the request's area, as API Gateway would. */
export function dispatcher(handlers: AreaHandlers): Invoke {
  const loaded = new Map<Area, Promise<HttpHandler>>();
  const handlerFor = (area: Area): Promise<HttpHandler> => {
    if (!loaded.has(area)) loaded.set(area, handlers[area]());
    return loaded.get(area)!;
  };
  return async (event) => {
    const handler = await handlerFor(areaOf(event));
    return handler(event, lambdaContext(event.requestContext.requestId));
  };
}

/** `GET /v1/me 401 3ms unauthenticated`: the path without its query, and a problem's code. */
export function requestLine(method: string, url: string, result: HttpResult, ms: number): string {
  const path = url.split("?")[0];
  let code = "";
  if (result.headers["content-type"]?.startsWith("application/problem+json")) {
    try {
      code = ` ${JSON.parse(result.body ?? "").code}`;
    } catch {
      code = " (unreadable problem)";
    }
  }
  return `${method} ${path} ${result.statusCode} ${Math.round(ms)}ms${code}`;
}

/**
 * The local API: every request handed to `invoke` (the composition root passes the dispatcher to
 * the deployed handler exports). `log` gets one readable line per request (`npm start` prints
 * them; the tests stay quiet).
 */
export async function startHttpServer(options: {
  invoke: Invoke;
  port: number;
  host?: string;
  log?: (line: string) => void;
}): Promise<{ server: Server; url: string }> {
  const host = options.host ?? "127.0.0.1";
  let port = options.port;
  const server = createServer(async (req, res) => {
    const requestId = randomUUID();
    const began = performance.now();
    const send = (result: HttpResult) => {
      options.log?.(requestLine(req.method ?? "GET", req.url ?? "/", result, performance.now() - began));
      reply(res, result);
    };
    try {
      const body = await readBody(req);
      if (body === "too-large") {
        const error = new HttpError(
          413,
          "body-too-large",
          `The request body exceeds ${GATEWAY_BODY_LIMIT} bytes.`,
        );
        return send(problemResult(error, requestId) as HttpResult);
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
      }
      const event: HttpEvent = toApiGatewayEvent({
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers,
        body,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        host: `${host}:${port}`,
      });
      send(await options.invoke(event));
    } catch (error) {
      // Outside the handlers (nothing else logs it): local only, so the stack goes to the terminal.
      console.error(error);
      send(problemResult(error, requestId) as HttpResult);
    }
  });
  // A busy port rejects (EADDRINUSE) instead of crashing the process with an unhandled 'error' event.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return { server, url: `http://${host}:${port}` };
}
