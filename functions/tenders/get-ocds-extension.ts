import { endpoint } from "../../lib/http/endpoint.js";
import { extensionFile } from "../../lib/ocds/export.js";

/** Public: our OCDS extension (extension.json and its release-schema.json), which every package names. */
export const handler = endpoint(
  {
    route: "GET /v1/ocds/extension/{file}",
    responses: async () => ({ 200: { binary: "application/json" } }),
  },
  async ({ params }) => ({
    status: 200,
    binary: { bytes: extensionFile(params.file), contentType: "application/json" },
  }),
);
