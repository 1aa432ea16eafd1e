import { endpoint } from "../../lib/http/endpoint.js";
import { importContracts } from "../../lib/sroi/imports.js";

/** CSV import of running contracts (text/csv); every row validated before any is written. */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/import",
    audit: "contract.created",
    roles: ["officer"],
    csv: true,
    idempotent: true,
  },
  async ({ body, op }) => {
    const result = await importContracts(op, (body as unknown as string | undefined) ?? "");
    return { status: result.written ? 200 : 422, body: result };
  },
);
