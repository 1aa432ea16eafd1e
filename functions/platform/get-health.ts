import { endpoint, ok } from "../../lib/http/endpoint.js";
import { healthResponse } from "../../lib/schemas/responses/platform.js";

/** Liveness only: no token, no database call, nothing that reveals configuration. */
export const handler = endpoint({ route: "GET /v1/health", responses: { 200: healthResponse } }, async () =>
  ok({ status: "ok", service: "impact-procurement" }),
);
