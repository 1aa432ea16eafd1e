import { created, endpoint } from "../../lib/http/endpoint.js";
import { addTableVersion } from "../../lib/scoring/reference-tables.js";
import type { ReferenceTableResponse } from "../../lib/schemas/responses/scoring.js";
import { addReferenceTableSchema } from "../../lib/schemas/scoring.js";

/** Admins add a version of a certificate table, factor set or CO2 price (versions are immutable). */
export const handler = endpoint(
  {
    route: "POST /v1/reference-tables",
    audit: "reference-table.version-added",
    roles: ["admin"],
    body: addReferenceTableSchema,
    idempotent: true,
    problems: { 409: ["conflict"] },
    responses: async () => {
      const { referenceTableResponse } = await import("../../lib/schemas/responses/scoring.js");
      return { 201: referenceTableResponse };
    },
  },
  async ({ body, op }) => {
    const table: ReferenceTableResponse = await addTableVersion(op, body);
    return created(table, `/v1/reference-tables?kind=${table.kind}`);
  },
);
