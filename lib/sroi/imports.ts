/**
 * CSV imports: running contracts (officer) and realisation entries (supplier). Every row is validated
 * before any row is written; the response has one result per row. Limits: MAX_CSV_ROWS rows and the
 * endpoint's 1 MB body.
 */
import type { z } from "zod";
import { type FieldError, InvalidInput, RuleViolation } from "../domain/errors.js";
import { refuseBsnIn } from "../domain/sroi/bsn.js";
import { toMoney } from "../domain/money.js";
import type { Operation } from "../operation.js";
import { getOrganisation } from "../orgs/organisations.js";
import { entrySchema, registerContractSchema } from "../schemas/contracts.js";
import { getItem } from "../store/ops.js";
import {
  type CommitmentVersion,
  contractIdForReference,
  contractToWire,
  registerContract,
} from "./contracts.js";
import { csvRecords } from "./csv.js";
import { contractKey } from "./keys.js";
import { type EntryInput, importEntries, MAX_CSV_ROWS, type RowResult } from "./realisations.js";

export const CONTRACT_COLUMNS = [
  "reference",
  "title",
  "supplierId",
  "type",
  "value",
  "labourShare",
  "startDate",
  "endDate",
  "awardDate",
  "psoLevel",
] as const;

export const ENTRY_COLUMNS = [
  "blockId",
  "candidateRef",
  "startDate",
  "endDate",
  "fte",
  "hours",
  "units",
  "invoiceNumber",
  "invoiceDate",
  "invoiceAmount",
  "vendorKvk",
  "vendorQualification",
  "bonuses",
  "evidence",
  "period",
  "note",
] as const;

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

/**
 * A BSN anywhere in an upload refuses the whole file (422 bsn-refused) before any row is checked,
 * naming each cell as `rows.<row>.<column>`, never the number. Cells of numeric columns that read as
 * numbers are amounts or quantities, not text (as numbers in a JSON body); structured identifiers
 * (invoiceNumber, vendorKvk) are skipped as in JSON bodies.
 */
function refuseBsnInRows(
  records: { row: number; record: Record<string, string> }[],
  numeric: readonly string[],
): void {
  const text = (record: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(record).filter(
        ([column, cell]) => !numeric.includes(column) || typeof num(cell) === "string",
      ),
    );
  refuseBsnIn(Object.fromEntries(records.map(({ row, record }) => [row, text(record)])), "rows");
}

function rowErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "row", message: i.message }));
}

export async function importContracts(op: Operation, csv: string) {
  const records = csvRecords(csv, CONTRACT_COLUMNS, MAX_CSV_ROWS);
  refuseBsnInRows(records, ["value", "labourShare", "psoLevel"]);
  const results: (Omit<RowResult, "status"> & {
    status: RowResult["status"] | "exists";
    contractId?: string;
  })[] = [];
  const parsed: { row: number; input: z.output<typeof registerContractSchema> }[] = [];
  for (const { row, record } of records) {
    const value = num(record.value);
    const result = registerContractSchema.safeParse({
      ...record,
      value: value === undefined ? undefined : { amount: value, currency: "EUR" },
      labourShare: num(record.labourShare),
      psoLevel: num(record.psoLevel),
    });
    if (!result.success) {
      results.push({ row, status: "invalid", errors: rowErrors(result.error) });
      continue;
    }
    const input = result.data;
    const supplier = await getOrganisation(input.supplierId);
    if (supplier?.kind !== "supplier") {
      results.push({ row, status: "invalid", errors: [{ path: "supplierId", message: "no such supplier" }] });
      continue;
    }
    if (parsed.some((p) => p.input.reference === input.reference)) {
      results.push({
        row,
        status: "invalid",
        errors: [{ path: "reference", message: "appears twice in this file" }],
      });
      continue;
    }
    const id = contractIdForReference(op.actor.orgId, input.reference);
    const existing = await getItem(contractKey(id));
    results.push({
      row,
      status: "valid",
      contractId: id,
      ...(existing ? { detail: "already registered" } : {}),
    });
    parsed.push({ row, input });
  }
  if (results.some((r) => r.status !== "valid")) return { written: false, maxRows: MAX_CSV_ROWS, results };
  for (const [i, { input }] of parsed.entries()) {
    if (results[i]!.detail === "already registered") {
      results[i] = { ...results[i]!, status: "exists" };
      continue;
    }
    try {
      const contract = await registerContract(op, input, "import");
      results[i] = {
        row: results[i]!.row,
        status: "created",
        contractId: contract.id,
        value: contractToWire(contract).value,
      };
    } catch (error) {
      if (
        !(
          error instanceof InvalidInput ||
          error instanceof RuleViolation ||
          (error as Error).name === "Conflict"
        )
      )
        throw error;
      results[i] = { ...results[i]!, status: "failed", detail: (error as Error).message };
    }
  }
  return { written: true, maxRows: MAX_CSV_ROWS, results };
}

export async function importEntriesCsv(op: Operation, contractId: string, csv: string) {
  const records = csvRecords(csv, ENTRY_COLUMNS, MAX_CSV_ROWS);
  refuseBsnInRows(records, ["fte", "hours", "units", "invoiceAmount"]);
  const rows = records.map(({ row, record }) => {
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
              vendorQualification: record.vendorQualification,
            }
          : undefined,
      bonuses: list(record.bonuses),
      evidence: list(record.evidence),
      period: record.period,
      note: record.note,
    };
    const result = entrySchema.safeParse(candidate);
    if (!result.success) return { row, errors: rowErrors(result.error) };
    return { row, input: result.data as EntryInput };
  });
  const outcome = await importEntries(op, contractId, rows);
  return { ...outcome, maxRows: MAX_CSV_ROWS };
}

export function commitmentToWire(c: CommitmentVersion) {
  return {
    ...c,
    lines: c.lines.map(({ invoiceCents, ...l }) =>
      invoiceCents === undefined ? l : { ...l, invoice: toMoney(invoiceCents) },
    ),
    valuation: {
      ...c.valuation,
      totalCents: undefined,
      total: toMoney(c.valuation.totalCents),
      lines: c.valuation.lines.map(({ valueCents, ...l }) => ({ ...l, value: toMoney(valueCents) })),
    },
  };
}
