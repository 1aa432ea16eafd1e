/**
 * Regional report: REPORT#<id> / REPORT   (gsi1: REGION#<region>#REPORTS / <requestedAt>#<id>;
 * gsi2, for a municipality's scope or one of its contracts: BUYER#<org>#REPORTS / <requestedAt>#<id>;
 * gsi3, for a supplier's statement or one of its contracts: SUPPLIER#<org>#REPORTS / <requestedAt>#<id>).
 * Its number: a counter REPORTNO#<REGION>#<YYYY> / COUNTER and one claim per number
 * REPORTNO#<REGION>#<YYYY> / NO#<NNNN> naming its report (lib/reports/numbering.ts).
 * A PDF's digest: PDFDIGEST#<sha256> / PDF, naming the report whose PDF has those bytes.
 */
import * as z from "zod";
import { REPORT_SCOPES } from "../domain/reports/model.js";
import { ROLES } from "../domain/orgs.js";
import { DOCUMENT_PREFIXES } from "../store/document-layout.js";
import { type AccessPattern, type Entity, entity } from "../store/entity.js";

const stored = z.looseObject({ key: z.string(), sha256: z.string(), bytes: z.number().int() });

export const REPORT_STATES = ["requested", "issued", "superseded"] as const;

export const reportEntity = entity(
  "report",
  { pk: "REPORT#<id>", sk: "REPORT" },
  {
    id: z.string(),
    regionId: z.string(),
    scope: z.looseObject({ kind: z.enum(REPORT_SCOPES), id: z.string().nullable() }),
    period: z.looseObject({ from: z.string(), to: z.string() }),
    language: z.enum(["nl", "en"]),
    /** The municipality whose scope it is (its own, or a contract it buys); null otherwise. */
    buyerId: z.string().nullable(),
    /** The supplier whose scope it is (its statement, or one of its contracts); null otherwise. */
    supplierId: z.string().nullable(),
    state: z.enum(REPORT_STATES),
    requestedAt: z.string(),
    requestedBy: z.looseObject({
      sub: z.string(),
      role: z.enum(ROLES),
      orgId: z.string(),
      regionId: z.string().nullable(),
    }),
    /** The instant the figures are computed at (statuses as they are then); also when verifying. */
    computedAt: z.string(),
    supersedes: z.string().nullable(),
    supersededBy: z.string().nullable(),
    /** The correction requested for this report (one at a time: later requests answer 409). */
    correction: z.string().optional(),
    /** The number being claimed (a sequence number of the year of `issuedAt`). */
    candidate: z.number().int().nullable(),
    number: z.string().nullable(),
    issuedAt: z.string().nullable(),
    /** The figures the number was given to, stored as a document before the number was claimed. */
    figures: z
      .looseObject({ key: z.string(), digest: z.string(), bytes: z.number().int().optional() })
      .nullable(),
    documents: z.looseObject({ pdf: stored, csv: stored, csvSemicolon: stored }).nullable(),
    version: z.number().int(),
  },
);
/** A report as stored, without its keys. */
export type ReportFields = typeof reportEntity extends Entity<infer T> ? T : never;

export const reportKey = (id: string) => ({ pk: `REPORT#${id}`, sk: "REPORT" });

export const reportIndexKeys = (report: {
  id: string;
  regionId: string;
  requestedAt: string;
  buyerId: string | null;
  supplierId: string | null;
}) => {
  const sk = `${report.requestedAt}#${report.id}`;
  return {
    gsi1pk: `REGION#${report.regionId}#REPORTS`,
    gsi1sk: sk,
    ...(report.buyerId ? { gsi2pk: `BUYER#${report.buyerId}#REPORTS`, gsi2sk: sk } : {}),
    ...(report.supplierId ? { gsi3pk: `SUPPLIER#${report.supplierId}#REPORTS`, gsi3sk: sk } : {}),
  };
};

export const reportQueries = {
  /** A region's reports, newest first. */
  ofRegion: (regionId: string): AccessPattern => ({
    index: "gsi1",
    pk: `REGION#${regionId}#REPORTS`,
    newestFirst: true,
  }),
  /** A municipality's reports (its own scope, its contracts), newest first. */
  ofBuyer: (orgId: string): AccessPattern => ({
    index: "gsi2",
    pk: `BUYER#${orgId}#REPORTS`,
    newestFirst: true,
  }),
  /** A supplier's reports (its statements, its contracts), newest first. */
  ofSupplier: (orgId: string): AccessPattern => ({
    index: "gsi3",
    pk: `SUPPLIER#${orgId}#REPORTS`,
    newestFirst: true,
  }),
};

/** The next number to give in a region and year: a hint, the claims are the truth. */
export const reportCounterEntity = entity(
  "report number counter",
  { pk: "REPORTNO#<series>", sk: "COUNTER" },
  { last: z.number().int() },
);

export const reportNumberClaimEntity = entity(
  "report number claim",
  { pk: "REPORTNO#<series>", sk: "NO#<sequence>" },
  { reportId: z.string(), sequence: z.number().int() },
);

/** A region's number series of one year: `OOST-NEDERLAND#2026`. */
const series = (regionId: string, year: number) => `REPORTNO#${regionId.toUpperCase()}#${year}`;

export const reportCounterKey = (regionId: string, year: number) => ({
  pk: series(regionId, year),
  sk: "COUNTER",
});

export const reportNumberClaimKey = (regionId: string, year: number, sequence: number) => ({
  pk: series(regionId, year),
  sk: `NO#${String(sequence).padStart(6, "0")}`,
});

export const pdfDigestEntity = entity(
  "report PDF digest",
  { pk: "PDFDIGEST#<sha256>", sk: "PDF" },
  { reportId: z.string(), number: z.string() },
);

export const pdfDigestKey = (sha256: string) => ({ pk: `PDFDIGEST#${sha256}`, sk: "PDF" });

/** The documents of a report, under its own folder of the reports prefix. */
export const reportDocumentKeys = {
  /** Content-addressed: the figures a number was given to. */
  figures: (id: string, digest: string) => `${DOCUMENT_PREFIXES.reports}${id}/figures-${digest}.json`,
  pdf: (id: string, number: string) => `${DOCUMENT_PREFIXES.reports}${id}/${number}.pdf`,
  csv: (id: string, number: string) => `${DOCUMENT_PREFIXES.reports}${id}/${number}.csv`,
  csvSemicolon: (id: string, number: string) => `${DOCUMENT_PREFIXES.reports}${id}/${number}-semicolon.csv`,
};
