/**
 * The document store's key prefixes (lib/store/documents.ts), and the prefixes each area's function
 * reads and writes: the CDK app gives exactly these functions the bucket, and exactly these prefixes.
 * Plain data, so infra/ may import it.
 */
export const DOCUMENT_PREFIXES = {
  /** An evaluation run's input and result (lib/entities/evaluation.ts). */
  evaluations: "evaluations/",
} as const;

export const DOCUMENT_ACCESS: Readonly<Record<string, readonly string[]>> = {
  tenders: [DOCUMENT_PREFIXES.evaluations],
};
