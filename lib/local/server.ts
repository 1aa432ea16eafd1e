import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Context } from "aws-lambda";
import type { HttpEvent, HttpHandler, HttpResult } from "../http/endpoint.js";
import { HttpError, problemResult } from "../http/problem.js";
import { type Area, FALLBACK_ROUTE_KEY, matchRoute, routeKey } from "../http/routes.js";
import { areaHandlers } from "./handlers.js";

/** API Gateway HTTP APIs refuse payloads over 10 MB before any function runs. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;
const TEXT_TYPES = /^(application\/(json|[\w.+-]+\+json|x-www-form-urlencoded)|text\/)/i;

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

/** Builds the payload-2.0 event API Gateway would send for this request. */
export function toEvent(req: IncomingMessage, body: Buffer, port: number): HttpEvent {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  const method = (req.method ?? "GET").toUpperCase();
  const { match } = matchRoute(method, url.pathname);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = TEXT_TYPES.test(headers["content-type"] ?? "application/json");
  const now = new Date();
  return {
    version: "2.0",
    routeKey: match ? routeKey(match.route) : FALLBACK_ROUTE_KEY,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(match && Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: "local",
      apiId: "local",
      domainName: `127.0.0.1:${port}`,
      domainPrefix: "127",
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: match ? routeKey(match.route) : FALLBACK_ROUTE_KEY,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

const lambdaContext = (requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: "local",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:local:000000000000:function:local",
  memoryLimitInMB: "1024",
  awsRequestId: requestId,
  logGroupName: "local",
  logStreamName: "local",
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

function send(res: ServerResponse, result: HttpResult) {
  res.writeHead(result.statusCode, result.headers);
  if (result.body === undefined) return res.end();
  res.end(result.isBase64Encoded ? Buffer.from(result.body, "base64") : result.body);
}

const loaded = new Map<Area, Promise<HttpHandler>>();
const handlerFor = (area: Area): Promise<HttpHandler> => {
  if (!loaded.has(area)) loaded.set(area, areaHandlers[area]());
  return loaded.get(area)!;
};

/** The local API: every route of the route list, dispatched to the deployed handler exports. */
export async function startHttpServer(options: {
  port: number;
  host?: string;
}): Promise<{ server: Server; url: string }> {
  let port = options.port;
  const server = createServer(async (req, res) => {
    const requestId = randomUUID();
    try {
      const body = await readBody(req);
      if (body === "too-large") {
        const error = new HttpError(
          413,
          "body-too-large",
          `The request body exceeds ${GATEWAY_BODY_LIMIT} bytes.`,
        );
        return send(res, problemResult(error, requestId) as HttpResult);
      }
      const event = toEvent(req, body, port);
      const { match } = matchRoute(event.requestContext.http.method, event.rawPath);
      const handler = await handlerFor(match ? match.route.area : "platform");
      send(res, await handler(event, lambdaContext(requestId)));
    } catch (error) {
      send(res, problemResult(error, requestId) as HttpResult);
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return { server, url: `http://${options.host ?? "127.0.0.1"}:${port}` };
}
