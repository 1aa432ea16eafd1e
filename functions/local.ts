import { isConsolePath } from "../lib/console/paths.js";
import type { Endpoint, HttpEvent } from "../lib/http/endpoint.js";
import { AREAS } from "../lib/http/routes.js";
import { lambdaContext } from "../lib/local/context.js";
import { dispatcher, startHttpServer as serve } from "../lib/local/server.js";
import { areaHandlers } from "./areas.js";

/**
 * The local composition root: the same `handler` exports that CDK deploys, one per area and one for
 * the console, loaded on first use, wired into the local HTTP server. It lives beside the handlers
 * it composes, so the library code under lib/ never imports functions/.
 */
export { areaHandlers };

/** Every route's endpoint, with the spec it declares (roles, schemas, idempotency, audit). */
export async function loadEndpoints(): Promise<Endpoint[]> {
  const routers = await Promise.all(AREAS.map((area) => areaHandlers[area]()));
  return (await Promise.all(routers.map((router) => router.loadEndpoints()))).flat();
}

const api = dispatcher(areaHandlers);
const consolePages = async () => (await import("./console/handler.js")).handler;

/** Invokes the deployed handler export of the request's area (or the console's), as API Gateway would. */
export const invoke = async (event: HttpEvent) =>
  isConsolePath(event.rawPath)
    ? (await consolePages())(event, lambdaContext(event.requestContext.requestId))
    : api(event);

/** The local API on every route of the route list, dispatched to the deployed handler exports. */
export const startHttpServer = (options: { port: number; host?: string; log?: (line: string) => void }) =>
  serve({ ...options, invoke });
