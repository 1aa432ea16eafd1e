import { endpoint, ok } from "../../lib/http/endpoint.js";
import { clock } from "../../lib/http/clock.js";
import { tenderOcds } from "../../lib/ocds/export.js";

/**
 * Public, like health: the tender's process as an OCDS 1.1 release package, for open-data portals.
 * Only what is published: a draft is a 404; bids before the final award only as counts.
 */
export const handler = endpoint(
  {
    route: "GET /v1/tenders/{tenderId}/ocds",
    responses: async () => {
      const { ocdsReleasePackage } = await import("../../lib/schemas/responses/ocds.js");
      return { 200: ocdsReleasePackage };
    },
  },
  async ({ params, headers }) => ok(await tenderOcds(params.tenderId, headers.host, clock.now())),
);
