/** Amsterdam time is a pure rule: it lives in the domain; this keeps the tenders' own import path. */
export * from "../domain/amsterdam-time.js";
