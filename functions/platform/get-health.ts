import { endpoint, ok } from "../../lib/http/endpoint.js";

/** Liveness only: no token, no database call, nothing that reveals configuration. */
export const handler = endpoint(
  {
    route: "GET /v1/health",
    responses: async () => {
      const { healthResponse } = await import("../../lib/schemas/responses/platform.js");
      return { 200: healthResponse };
    },
  },
  async () => ok({ status: "ok", service: "impact-procurement" }),
);
