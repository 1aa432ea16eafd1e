import { noticesReply } from "../../lib/api-reference/replies.js";
import { endpoint } from "../../lib/http/endpoint.js";

/** The licence notices of Redoc's script, at the URL its first line names. */
export const handler = endpoint(
  {
    route: "GET /v1/docs/redoc.standalone.js.LICENSE.txt",
    responses: async () => ({ 200: { binary: "text/plain" } }),
  },
  async () => noticesReply(),
);
