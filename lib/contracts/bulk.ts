/**
 * What the bulk uploads share: one error format for refused rows. A row is named by its line in the
 * file (the header is line 1), its field by the CSV column: `rows.3.hours`. Every error has a code:
 * "invalid" for a malformed value, or the code of the rule that refuses the row.
 */
import type * as z from "zod";
import { type FieldError, InvalidInput, RuleViolation } from "../domain/errors.js";

export const rowPath = (row: number, field?: string) => (field ? `rows.${row}.${field}` : `rows.${row}`);

/** Schema issues of one row; `column` maps a field path of the parsed row back to its CSV column. */
export function schemaErrors(row: number, error: z.ZodError, column: (path: string) => string): FieldError[] {
  return error.issues.map((i) => ({
    path: rowPath(row, column(i.path.map(String).join("."))),
    code: "invalid",
    message: i.message,
  }));
}

/**
 * A refusal of one row as error entries; other errors are not about the row and are thrown.
 * A rule's own sentence is more telling than its per-field note, so it is kept when it names one field.
 */
export function rowErrors(row: number, error: unknown, column: (path: string) => string): FieldError[] {
  if (error instanceof InvalidInput)
    return error.errors.map((e) => ({
      path: rowPath(row, column(e.path)),
      code: e.code ?? "invalid",
      message: e.message,
    }));
  if (error instanceof RuleViolation) {
    if (error.errors.length === 0) return [{ path: rowPath(row), code: error.code, message: error.message }];
    return error.errors.map((e) => ({
      path: rowPath(row, column(e.path)),
      code: e.code ?? error.code,
      message: error.errors.length === 1 ? error.message : e.message,
    }));
  }
  throw error;
}

/** 422 `rows-invalid`: every refused row with every reason; nothing of the upload was written. */
export function rowsInvalid(errors: FieldError[], rows: number): RuleViolation {
  const refused = new Set(errors.map((e) => e.path.split(".")[1])).size;
  return new RuleViolation(
    "rows-invalid",
    `${refused} of ${rows} row${rows === 1 ? "" : "s"} refused; nothing was written. Correct the rows named in errors and upload the whole file again.`,
    errors,
  );
}

/** A row with more filled cells than the header has columns: a separator inside an unquoted value. */
export const extraCellsError = (row: number, extra: number): FieldError => ({
  path: rowPath(row),
  code: "invalid",
  message: `${extra} more filled cell${extra === 1 ? "" : "s"} than the header has columns; quote values that contain the separator`,
});

/** What an upload could not clean up is left for its retry (or the admin recompute); the answer stands. */
export const logLeftover = (opId: string, what: string, error: unknown) =>
  console.error(JSON.stringify({ level: "error", opId, message: what, error: String(error) }));
