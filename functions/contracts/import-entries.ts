import { endpoint, ok } from "../../lib/http/endpoint.js";
import { importEntriesCsv } from "../../lib/sroi/imports.js";

/** CSV bulk upload (text/csv, at most MAX_CSV_ROWS rows): all rows or none (422 rows-invalid). */
export const handler = endpoint(
  { roles: ["supplier"], csv: true, idempotent: true },
  async ({ body, params, op }) =>
    ok(await importEntriesCsv(op, params.contractId!, (body as unknown as string | undefined) ?? "")),
);
