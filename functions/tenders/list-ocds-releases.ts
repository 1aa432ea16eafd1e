import { endpoint, ok } from "../../lib/http/endpoint.js";
import { clock } from "../../lib/http/clock.js";
import { buyerReleasePackages } from "../../lib/ocds/bulk.js";
import { tenderOcds } from "../../lib/ocds/export.js";
import { ocdsReleasesQuery } from "../../lib/schemas/ocds.js";

/**
 * Public open data for portals that harvest: a buyer's published tenders, by month of publication, each
 * as the release package GET /v1/tenders/{tenderId}/ocds answers; paged with limit and cursor.
 */
export const handler = endpoint(
  {
    route: "GET /v1/ocds/releases",
    query: ocdsReleasesQuery,
    responses: async () => {
      const [{ ocdsReleasePackage }, { pageOf }] = await Promise.all([
        import("../../lib/schemas/responses/ocds.js"),
        import("../../lib/schemas/common.js"),
      ]);
      return { 200: pageOf(ocdsReleasePackage) };
    },
  },
  async ({ query, headers }) => {
    const now = clock.now();
    return ok(await buyerReleasePackages(query, (tenderId) => tenderOcds(tenderId, headers.host, now)));
  },
);
