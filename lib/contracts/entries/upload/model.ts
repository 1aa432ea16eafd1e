/**
 * Rows, results and markers of a bulk upload of entries.
 */
import type * as z from "zod";
import type { FieldError } from "../../../domain/errors.js";
import type { Ratio } from "../../../domain/exact.js";
import type { Operation } from "../../../operation.js";
import type { entryImportRowResponse } from "../../../schemas/responses/entries.js";
import type { Entry, EntryInput } from "../model.js";

export type RowResult = z.output<typeof entryImportRowResponse>;

/** A row of an upload: its line in the file, and its input or the errors that refuse it. */
export interface ImportRow {
  row: number;
  input?: EntryInput;
  errors?: FieldError[];
}

export interface PlannedRow {
  row: number;
  input: EntryInput;
  entry: Entry;
  months: Ratio | null;
  /** Months of the candidate in the block counted before this row (stored and earlier rows), in ticks. */
  beforeTicks: number;
  /** Whether its stored item carries the review queue's index keys (set once it is written). */
  queued?: boolean;
}

/** The upload's audit event: its last step, so the upload has completed exactly when it exists. */
const ENTRIES_IMPORTED = "contract.entries-imported";

export const importedEvent = (contractId: string) => ({
  entityType: "contract" as const,
  entityId: contractId,
  action: ENTRIES_IMPORTED,
});

/** Marker of one upload on the running-totals rows it changes, so each change applies exactly once. */
export const uploadMarker = (op: Pick<Operation, "opId">) => `upload#${op.opId}`;
