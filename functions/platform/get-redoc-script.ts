import { scriptReply } from "../../lib/api-reference/replies.js";
import { endpoint } from "../../lib/http/endpoint.js";

/** Redoc's standalone script for the API reference page, served by the service itself (no CDN). */
export const handler = endpoint(
  {
    route: "GET /v1/docs/redoc.standalone.js",
    responses: async () => ({ 200: { binary: "text/javascript" } }),
  },
  async ({ headers }) => scriptReply(headers["accept-encoding"]),
);
