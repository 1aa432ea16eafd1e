import { endpoint, JsonText } from "../../lib/http/endpoint.js";
import document from "../../lib/openapi/openapi.json" with { type: "json" };

/** Written once, on the first request: the file is generated (npm run openapi) and does not change. */
let text: JsonText | undefined;

/**
 * The OpenAPI 3.1 document of this API: every route, its roles, parameters, bodies, responses and
 * problem codes. Public: a client generates code from it without a token.
 */
export const handler = endpoint(
  {
    route: "GET /v1/openapi.json",
    responses: async () => ({ 200: { binary: "application/json" } }),
  },
  async () => {
    text ??= new JsonText(JSON.stringify(document));
    return { status: 200, body: text, headers: { "cache-control": "public, max-age=300" } };
  },
);
