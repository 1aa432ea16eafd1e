/**
 * The document store's key prefixes (lib/store/documents.ts), and the prefixes each area's function
 * reads and writes: the CDK app gives exactly these functions the bucket, and exactly these prefixes.
 * Plain data, so infra/ may import it.
 */
export const DOCUMENT_PREFIXES = {
  /** An evaluation run's input and result (lib/entities/evaluation.ts). */
  evaluations: "evaluations/",
  /** An issued report's figures and renderings (lib/entities/report.ts): written once, never changed. */
  reports: "reports/",
} as const;

export const DOCUMENT_ACCESS: Readonly<Record<string, readonly string[]>> = {
  tenders: [DOCUMENT_PREFIXES.evaluations],
  /** Reads an issued report's files (and presigns downloads); the job worker writes them. */
  reports: [DOCUMENT_PREFIXES.reports],
};

/** Areas that only read their prefixes (and presign downloads): never a write. */
export const DOCUMENT_READ_ONLY_AREAS: readonly string[] = ["reports"];

/** What the job worker (functions/jobs/worker.ts) reads and writes. */
export const WORKER_DOCUMENT_ACCESS: readonly string[] = [DOCUMENT_PREFIXES.reports];
