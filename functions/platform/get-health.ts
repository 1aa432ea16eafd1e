import { endpoint, ok } from "../../lib/http/endpoint.js";

/** Liveness only: no token, no database call, nothing that reveals configuration. */
export const handler = endpoint({ route: "GET /v1/health" }, async () =>
  ok({ status: "ok", service: "impact-procurement" }),
);
