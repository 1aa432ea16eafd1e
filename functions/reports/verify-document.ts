import { InvalidInput } from "../../lib/domain/errors.js";
import { endpoint, ok } from "../../lib/http/endpoint.js";
import { recognisePdf } from "../../lib/reports/read.js";

/** Largest PDF accepted: base64-encoded it stays within Lambda's 6 MB request limit. */
export const MAX_PDF_BYTES = 4 * 1024 * 1024;

/**
 * Public, like health: whoever holds a report's PDF (a council member, a journalist) may check that it
 * is one the service issued, byte for byte. Reveals only the report's id and number.
 */
export const handler = endpoint(
  {
    route: "POST /v1/reports/verify-document",
    audit: { none: "only reads: compares the digest of the bytes sent with the stored digests" },
    binaryBody: "application/pdf",
    maxBodyBytes: MAX_PDF_BYTES,
    problems: { 400: ["invalid-input"] },
    responses: async () => {
      const { documentRecognitionResponse } = await import("../../lib/schemas/responses/reports.js");
      return { 200: documentRecognitionResponse };
    },
  },
  async ({ rawBody }) => {
    if (!rawBody || rawBody.byteLength === 0)
      throw new InvalidInput([{ path: "body", message: "the PDF's bytes, as application/pdf" }]);
    return ok(await recognisePdf(rawBody));
  },
);
