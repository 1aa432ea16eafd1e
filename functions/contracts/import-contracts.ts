import { endpoint, ok } from "../../lib/http/endpoint.js";
import { importContracts } from "../../lib/contracts/imports.js";

/** CSV import of running contracts (text/csv): all rows or none (422 rows-invalid). */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/import",
    audit: ["contract.created", "organisation.contracts-imported"],
    roles: ["officer"],
    csv: true,
    idempotent: true,
    problems: {
      400: ["missing-columns", "unknown-columns", "repeated-columns", "too-many-rows"],
      409: ["conflict"],
      422: ["rows-invalid", "bsn-refused"],
    },
    responses: async () => {
      const { contractImportResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 200: contractImportResponse };
    },
  },
  async ({ body, op }) => ok(await importContracts(op, (body as unknown as string | undefined) ?? "")),
);
