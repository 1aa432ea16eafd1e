/**
 * CSV imports: running contracts (officer) and realisation entries (supplier). All rows or none: every
 * row is validated before any is written; one refused row → 422 `rows-invalid` listing every refused row
 * (`rows.<line>.<column>`), nothing written; a missing or unknown column → 400 naming them all. Limits:
 * MAX_CSV_ROWS rows and the endpoint's 1 MB body.
 */
import type * as z from "zod";
import type { ContractImportResponse } from "../schemas/responses/contracts.js";
import type { EntryImportResponse } from "../schemas/responses/entries.js";
import { appendAudit, auditRecorded } from "../audit/audit.js";
import { type FieldError, Forbidden, RuleViolation } from "../domain/errors.js";
import { refuseBsnIn } from "../domain/sroi/bsn.js";
import type { Operation } from "../operation.js";
import { entrySchema, registerContractSchema } from "../schemas/contracts.js";
import { publicFields } from "../store/ops.js";
import { extraCellsError, logLeftover, rowErrors, rowPath, rowsInvalid, schemaErrors } from "./bulk.js";
import { getStoredContract } from "./contract/access.js";
import {
  contractCreated,
  type PlannedContract,
  planNewContract,
  removeUnchangedContract,
  storePlannedContract,
} from "./contract/create.js";
import { type Contract, contractIdForReference } from "./contract/model.js";
import { registration } from "./contract/register.js";
import { CONTRACT_COLUMNS, ENTRY_COLUMNS } from "../schemas/csv-columns.js";
import { type CsvRecord, csvRecords } from "./csv.js";
import { type EntryInput, MAX_CSV_ROWS } from "./entries/model.js";
import { importEntries } from "./entries/upload/index.js";
import type { ImportRow } from "./entries/upload/model.js";
import { contractToWire } from "./wire.js";

/** Decimal cells: "0,8" (Dutch) or "0.8"; anything else is left for the schema to refuse. */
const num = (v: string | undefined) => {
  if (v === undefined) return undefined;
  const normal = v.replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : v;
};
const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split("|")
        .map((s) => s.trim())
        .filter(Boolean);

/** A row holding a BSN is refused like any other invalid row, naming the column, never the number. */
function bsnErrors(row: number, parsed: object, column: (path: string) => string): FieldError[] {
  try {
    refuseBsnIn(parsed, "");
    return [];
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    return error.errors.map((e) => ({
      path: rowPath(row, column(e.path)),
      code: error.code,
      message: e.message,
    }));
  }
}

/** The CSV column of a field of a parsed contract row (the value is a money object). */
const contractColumn = (path: string) => (path.startsWith("value.") ? "value" : path);

/** The CSV column of a field of a parsed entry row: the invoice is spread over five columns. */
function entryColumn(path: string): string {
  const [head, field] = path.split(".");
  if (head === "months") return "endDate"; // months are counted from the dates
  if (head === "targetGroupEvidence")
    return field === "date" ? "targetGroupEvidenceDate" : "targetGroupEvidenceKind";
  if (head !== "invoice") return path;
  if (field === "date") return "invoiceDate";
  if (field === "invoiceNumber" || field === "vendorKvk" || field === "vendorQualification") return field;
  return "invoiceAmount";
}

const cellErrors = (records: CsvRecord[]): Map<number, FieldError[]> =>
  new Map(records.filter((r) => r.extraCells).map((r) => [r.row, [extraCellsError(r.row, r.extraCells!)]]));

// ---------- contracts ----------

export type ContractRowResult = ContractImportResponse["results"][number];

/** The import's audit event on the buying municipality: its completion (see importContracts). */
const contractsImported = (buyerId: string) => ({
  entityType: "organisation" as const,
  entityId: buyerId,
  action: "organisation.contracts-imported",
});

/** A parsed row: its input, or the errors that refuse it. */
type ParsedContractRow = {
  row: number;
  input?: z.output<typeof registerContractSchema>;
  errors: FieldError[];
};

function parseContractRows(records: CsvRecord[]): ParsedContractRow[] {
  const extra = cellErrors(records);
  return records.map(({ row, record }) => {
    const value = num(record.value);
    const result = registerContractSchema.safeParse({
      ...record,
      value: value === undefined ? undefined : { amount: value, currency: "EUR" },
      labourShare: num(record.labourShare),
    });
    const errors = [...(extra.get(row) ?? [])];
    if (!result.success)
      return { row, errors: [...errors, ...schemaErrors(row, result.error, contractColumn)] };
    errors.push(...bsnErrors(row, result.data, contractColumn));
    return errors.length ? { row, errors } : { row, input: result.data, errors };
  });
}

/**
 * Running contracts from a spreadsheet, all or none: every row is checked (schema, BSN, parties, the
 * region's policy) and a contract already registered is reported `exists`; then each new contract is
 * stored (document, obligation, region pointer), then the import's audit event — from then on the
 * import is complete — then each contract's own `contract.created` event. A failure before the import's
 * event removes the contracts stored so far before answering; a retry with the same Idempotency-Key
 * completes the import (or removes what a crash left if a row is now refused).
 */
export async function importContracts(op: Operation, csv: string): Promise<ContractImportResponse> {
  if (op.actor.role !== "officer") throw new Forbidden("Officers register their municipality's contracts.");
  const rows = parseContractRows(csvRecords(csv, CONTRACT_COLUMNS, MAX_CSV_ROWS));
  const event = contractsImported(op.actor.orgId);
  const complete = rows.every((r) => r.input) && (await auditRecorded(op, event));
  if (!complete) {
    const { planned, errors, ids, leftovers } = await planContractRows(op, rows);
    // Every row's contract, not only the planned ones: an earlier try may have stored a row refused now.
    const undo = async () => {
      for (const id of [...ids].reverse()) await removeUnchangedContract(op, id);
    };
    if (errors.length) {
      if (leftovers) await undo();
      throw rowsInvalid(errors, rows.length);
    }
    if (planned.length) await storeImport(op, planned, event, undo);
  }
  // Complete: what fails from here on is finished by a retry, never undone.
  const results: ContractRowResult[] = [];
  for (const { row, input } of rows) {
    const contractId = contractIdForReference(op.actor.orgId, input!.reference);
    const item = await getStoredContract(contractId);
    if (item?.lastOpId !== op.opId) {
      results.push({ row, status: "exists", contractId });
      continue;
    }
    const stored = publicFields<Contract>(item);
    await appendAudit(op, contractCreated(stored));
    results.push({ row, status: "created", contractId, value: contractToWire(stored).value });
  }
  return { written: true, maxRows: MAX_CSV_ROWS, results };
}

/**
 * Every row planned (no writes): a reference twice in the file, or a row its contract refuses, is an
 * error. A contract stored by another operation is left as it is (reported as existing).
 */
async function planContractRows(op: Operation, rows: ReturnType<typeof parseContractRows>) {
  const planned: PlannedContract[] = [];
  const errors = rows.flatMap((r) => r.errors);
  const firstRowOf = new Map<string, number>();
  let leftovers = false;
  for (const { row, input } of rows) {
    if (!input) continue;
    const id = contractIdForReference(op.actor.orgId, input.reference);
    const twin = firstRowOf.get(id);
    if (twin !== undefined) {
      errors.push({
        path: rowPath(row, "reference"),
        code: "duplicate-reference",
        message: `the same reference as row ${twin}`,
      });
      continue;
    }
    firstRowOf.set(id, row);
    const existing = await getStoredContract(id);
    // A contract stored by an earlier try of this very import is still to be completed.
    if (existing && existing.lastOpId !== op.opId) continue;
    leftovers ||= existing !== undefined;
    try {
      planned.push(await planNewContract(op, registration(op, input, "import")));
    } catch (error) {
      errors.push(...rowErrors(row, error, contractColumn));
    }
  }
  return { planned, errors, ids: [...firstRowOf.keys()], leftovers };
}

/** Stores the planned contracts, then the import's event; a failure before the event undoes them. */
async function storeImport(
  op: Operation,
  planned: PlannedContract[],
  event: ReturnType<typeof contractsImported>,
  undo: () => Promise<void>,
) {
  try {
    for (const plan of planned) await storePlannedContract(op, plan);
    const refs = planned.map((p) => p.contract.reference);
    await appendAudit(op, {
      ...event,
      after: planned.map((p) => ({ id: p.contract.id, reference: p.contract.reference })),
      regionId: planned[0]!.contract.regionId,
      summary: `${refs.length} contract${refs.length === 1 ? "" : "s"} imported: ${refs.join(", ")}`,
    });
  } catch (error) {
    // The event may be stored though its answer was lost: only a known absence allows undoing.
    if (!(await auditRecorded(op, event).catch(() => true)))
      await undo().catch((e: unknown) => logLeftover(op.opId, "import not fully undone", e));
    throw error;
  }
}

// ---------- entries ----------

export async function importEntriesCsv(
  op: Operation,
  contractId: string,
  csv: string,
): Promise<EntryImportResponse> {
  const records = csvRecords(csv, ENTRY_COLUMNS, MAX_CSV_ROWS);
  const extra = cellErrors(records);
  const rows = records.map(({ row, record }): ImportRow => {
    const invoiceAmount = num(record.invoiceAmount);
    const candidate = {
      blockId: record.blockId,
      candidateRef: record.candidateRef,
      startDate: record.startDate,
      endDate: record.endDate,
      fte: num(record.fte),
      hours: num(record.hours),
      units: num(record.units),
      invoice:
        record.invoiceNumber || record.invoiceDate || invoiceAmount !== undefined
          ? {
              invoiceNumber: record.invoiceNumber,
              date: record.invoiceDate,
              amount: { amount: invoiceAmount, currency: "EUR" },
              vendorKvk: record.vendorKvk,
              // No longer taken: a filled cell is refused, naming the column.
              ...(record.vendorQualification ? { vendorQualification: record.vendorQualification } : {}),
            }
          : undefined,
      bonuses: list(record.bonuses),
      evidence: list(record.evidence),
      targetGroupEvidence:
        record.targetGroupEvidenceKind || record.targetGroupEvidenceDate
          ? { kind: record.targetGroupEvidenceKind, date: record.targetGroupEvidenceDate }
          : undefined,
      period: record.period,
      note: record.note,
    };
    const result = entrySchema.safeParse(candidate);
    const errors = [...(extra.get(row) ?? [])];
    if (!result.success) errors.push(...schemaErrors(row, result.error, entryColumn));
    else errors.push(...bsnErrors(row, result.data, entryColumn));
    return errors.length || !result.success ? { row, errors } : { row, input: result.data as EntryInput };
  });
  const outcome = await importEntries(op, contractId, rows, entryColumn);
  return { ...outcome, maxRows: MAX_CSV_ROWS };
}
