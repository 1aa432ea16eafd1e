import { pageReply } from "../../lib/api-reference/replies.js";
import { endpoint } from "../../lib/http/endpoint.js";

/** The API reference page (HTML): Redoc rendering /v1/openapi.json, under a policy of its own. */
export const handler = endpoint(
  {
    route: "GET /v1/docs",
    responses: async () => ({ 200: { binary: "text/html" } }),
  },
  async () => pageReply(),
);
