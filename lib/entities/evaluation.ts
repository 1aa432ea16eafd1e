/**
 * Evaluation run: TENDER#<id> / EVALUATION#<lot>#<at>#<opId>, one item per run (append-only); the
 * tender's `evaluation.run` holds the sort key of its latest.
 *
 * Two shapes:
 * - since documents exist, the engine's `input` and `result` (over 400 KB for the largest lot) are one
 *   JSON document `{ tenderId, lotId, input, result }` in the document store under
 *   `evaluations/<tenderId>/<lot>/<sha256>.json` (content-addressed: a retry writes the same bytes to
 *   the same key, and a document a run points at is never overwritten with other bytes), written
 *   before the item; the item keeps the metadata and `document: { key, bytes, sha256 }`, which a
 *   read checks;
 * - runs stored before hold `input` and `result` inline and no `document`.
 */
import * as z from "zod";
import type { ScoringInput, ScoringResult } from "../domain/scoring/types.js";
import { DOCUMENT_PREFIXES } from "../store/document-layout.js";
import { CorruptItem, type Entity, entity } from "../store/entity.js";
import type { Item } from "../store/ops.js";
import { domainObject } from "./parts.js";
import { scoreEntry } from "./score-correction.js";
import { DEFAULT_LOT, tenderPartition } from "./tender.js";

const amendment = z.looseObject({
  correctionId: z.string(),
  bidId: z.string(),
  before: z.array(scoreEntry),
  after: z.array(scoreEntry),
  reason: z.string(),
  proposedBy: z.string(),
  approvedBy: z.string(),
  appliedAt: z.string(),
});

/** Where a run's input and result are stored, and how to recognise them. */
export const documentPointer = z.looseObject({
  key: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DocumentPointer = z.infer<typeof documentPointer>;

const scoringInput = domainObject<ScoringInput>("awardModel", "bids");
const scoringResult = domainObject<ScoringResult>("engineVersion", "inputDigest", "ranking");

// Runs stored before score corrections existed have neither `amendedAfterPriceReveal` nor `corrections`.
const runEntity = entity(
  "evaluation",
  { pk: "TENDER#<tenderId>", sk: "EVALUATION#<lot>#<at>#<opId>" },
  {
    tenderId: z.string(),
    lotId: z.string(),
    at: z.string(),
    by: z.string(),
    // Stored in a document (with its summary beside the pointer) ...
    document: documentPointer.optional(),
    engineVersion: z.string().optional(),
    inputDigest: z.string().optional(),
    winner: z.string().nullable().optional(),
    // ... or, before documents, inline.
    input: scoringInput.optional(),
    result: scoringResult.optional(),
    amendedAfterPriceReveal: z.boolean().optional(),
    corrections: z.array(amendment).optional(),
  },
);

type RunFields = typeof runEntity extends Entity<infer T> ? T : never;
/** A run as read: its input and result either in a document or inline, never neither. */
export type EvaluationRunItem = Omit<RunFields, "input" | "result" | "document"> &
  (
    | { document: DocumentPointer; input?: undefined; result?: undefined }
    | { document?: undefined; input: ScoringInput; result: ScoringResult }
  );

function readRun(item: unknown): EvaluationRunItem & Item {
  const run = runEntity.read(item);
  const inlineParts = [run.input, run.result].filter((part) => part !== undefined).length;
  if (run.document !== undefined ? inlineParts > 0 : inlineParts < 2)
    throw new CorruptItem("evaluation", { pk: run.pk, sk: run.sk }, [
      "document: a document pointer, or input and result inline (exactly one of both)",
    ]);
  return run as EvaluationRunItem & Item;
}

export const evaluationEntity: Entity<EvaluationRunItem> = {
  ...runEntity,
  schema: runEntity.schema as unknown as Entity<EvaluationRunItem>["schema"],
  read: readRun,
  readAll: (items) => items.map(readRun),
};

/** The document a run points at: the engine's input and result. */
export const evaluationDocument = z.looseObject({
  tenderId: z.string(),
  lotId: z.string(),
  input: scoringInput,
  result: scoringResult,
});

/** The sort key of one run, which the tender records as `evaluation.run`. */
export const evaluationRun = (at: string, opId: string, lot = DEFAULT_LOT) =>
  `EVALUATION#${lot}#${at}#${opId}`;

export const evaluationKey = (tenderId: string, run: string) => ({ pk: tenderPartition(tenderId), sk: run });

/** The document of a run's input and result, by the sha256 of its bytes. */
export const evaluationDocumentKey = (tenderId: string, sha256: string, lot = DEFAULT_LOT) =>
  `${DOCUMENT_PREFIXES.evaluations}${tenderId}/${lot}/${sha256}.json`;

export const evaluationQueries = {
  /** Every run of one lot of a tender, oldest first. */
  ofTender: (tenderId: string, lot = DEFAULT_LOT) => ({
    pk: tenderPartition(tenderId),
    skBeginsWith: `EVALUATION#${lot}#`,
  }),
};
