/**
 * The columns of the CSV uploads (contracts, realisation entries): the API refuses a file with any
 * other, and the console lists them beside its upload form.
 */
export interface CsvColumns {
  known: readonly string[];
  /** Columns a row cannot do without: a header lacking one refuses the whole file. */
  required: readonly string[];
}

export const CONTRACT_COLUMNS: CsvColumns = {
  known: [
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
    "psoCertificateValidUntil",
  ],
  required: ["reference", "title", "supplierId", "type", "value", "startDate", "endDate"],
};

export const ENTRY_COLUMNS: CsvColumns = {
  known: [
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
    "targetGroupEvidenceKind",
    "targetGroupEvidenceDate",
    "period",
    "note",
  ],
  required: ["blockId", "period"],
};
