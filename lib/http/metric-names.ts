/**
 * Names shared by the code that emits logs and metrics (lib/http/observability.ts) and the infra that
 * configures and alarms on them. Plain data: the CDK app imports it without loading Powertools.
 */
export const SERVICE_NAME = "impact-procurement";
export const METRICS_NAMESPACE = "ImpactProcurement";

/** Count metrics of business events, by the event's name in code. Dimensions: service, area. */
export const BUSINESS_METRICS = {
  bidSubmitted: "BidsSubmitted",
  evaluationRun: "EvaluationsRun",
  entrySubmitted: "EntriesSubmitted",
  entryAccepted: "EntriesAccepted",
  entryRejected: "EntriesRejected",
  reportIssued: "ReportsIssued",
} as const;

/** One per problem+json answer. Dimensions: service, area, code (the problem's `code`). */
export const PROBLEMS_METRIC = "Problems";
/** The problem code of an unexpected error (500): always a defect or an outage, never the caller's fault. */
export const INTERNAL_PROBLEM_CODE = "internal";
