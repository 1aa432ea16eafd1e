import { gzipSync } from "node:zlib";
import { type StaticFile, staticFileReply } from "../../lib/api-reference/replies.js";
import { endpoint } from "../../lib/http/endpoint.js";
import document from "../../lib/openapi/openapi.json" with { type: "json" };

/** Written and compressed once, on first use: the file is generated (npm run openapi) and does not change. */
let bytes: Buffer | undefined;
let gzipped: Buffer | undefined;
const openApiFile: StaticFile = {
  bytes: () => (bytes ??= Buffer.from(JSON.stringify(document), "utf8")),
  gzipped: () => (gzipped ??= gzipSync(openApiFile.bytes(), { level: 9 })),
  contentType: "application/json",
  cacheControl: "public, max-age=300",
};

/**
 * The OpenAPI 3.1 document of this API: every route, its roles, parameters, bodies, responses and
 * problem codes. Public: a client generates code from it without a token. About 640 KB, a tenth of
 * that gzip-compressed for a client that accepts it.
 */
export const handler = endpoint(
  {
    route: "GET /v1/openapi.json",
    responses: async () => ({ 200: { binary: "application/json" } }),
  },
  async ({ headers }) => staticFileReply(openApiFile, headers["accept-encoding"]),
);
