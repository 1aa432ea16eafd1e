import * as z from "zod";
import { REPORT_SCOPES } from "../../domain/reports/model.js";
import { isoDateTimeSchema, pageOf } from "../common.js";
import { reportFiguresSchema } from "../reports.js";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const reportStatusSchema = z.enum(["queued", "running", "issued", "failed", "superseded"]);

/** 202 to a request: the report's id and status; Location names it. */
export const reportAcceptedResponse = z.strictObject({ id: z.string(), status: reportStatusSchema });

const reportFields = {
  id: z.string(),
  regionId: z.string(),
  /** `<REGION>-<YYYY>-<NNNN>`, once issued. */
  number: z.string().nullable(),
  status: reportStatusSchema,
  progress: z.strictObject({ done: z.number().int().min(0), total: z.number().int().min(0) }),
  scope: z.enum(REPORT_SCOPES),
  scopeId: z.string().nullable(),
  period: z.strictObject({ from: z.string(), to: z.string() }),
  language: z.enum(["nl", "en"]),
  requestedAt: isoDateTimeSchema,
  /** The instant the figures are computed at, also when verifying. */
  computedAt: isoDateTimeSchema,
  issuedAt: isoDateTimeSchema.nullable(),
  /** Who requested the report that was issued (the subject of their token). */
  issuedBy: z.string().nullable(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  /** The figures as a file (canonical JSON, SHA-256 = digests.figures), once issued. */
  figuresUrl: z.string().nullable(),
  digests: z.strictObject({ figures: sha256, pdf: sha256, csv: sha256, csvSemicolon: sha256 }).nullable(),
  /** Why the last attempt failed, when the status is failed. */
  error: z.string().nullable(),
};

export const reportSummaryResponse = z.strictObject(reportFields);
/** `figures` inline once issued, up to 1 MiB of JSON; larger figures are at figuresUrl only. */
export const reportResponse = z.strictObject({ ...reportFields, figures: reportFiguresSchema.nullable() });
export const reportListResponse = pageOf(reportSummaryResponse);

export const verificationResponse = z.discriminatedUnion("result", [
  z.strictObject({ result: z.literal("equal") }),
  z.strictObject({
    result: z.literal("differs"),
    differences: z.array(
      z.strictObject({
        contractId: z.string(),
        /** A figure of the contract (`acceptedCents`, `previous.pendingCents`), `atRiskReason`, `dataQuality.<kind>` or `presence`. */
        field: z.string(),
        issued: z.union([z.number(), z.string(), z.boolean(), z.null()]),
        now: z.union([z.number(), z.string(), z.boolean(), z.null()]),
      }),
    ),
  }),
]);

export const documentRecognitionResponse = z.discriminatedUnion("result", [
  z.strictObject({ result: z.literal("authentic"), reportId: z.string(), number: z.string() }),
  z.strictObject({ result: z.literal("unknown") }),
]);

export const liveFiguresResponse = reportFiguresSchema;

export type ReportResponse = z.output<typeof reportResponse>;
export type ReportSummaryResponse = z.output<typeof reportSummaryResponse>;
