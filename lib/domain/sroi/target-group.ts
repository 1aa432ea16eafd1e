/**
 * Evidence that a candidate belongs to a target group (see lib/domain/sroi/README.md, Target-group
 * evidence): the kind of document and its date. A labour line (employment, placement, apprenticeship)
 * without it is flagged for review and in the reports' data quality, not refused.
 */
import type { BlockKind } from "./catalogue.js";

/**
 * doelgroepverklaring: a target-group statement of the employer service point (werkgeversservicepunt) or
 * UWV; indicatie: an indication such as the banenafspraak (Doelgroepregister) or a Wsw indication;
 * uitkeringsbewijs: a benefit statement (Participatiewet, WW, WIA …).
 */
export const TARGET_GROUP_EVIDENCE_KINDS = ["doelgroepverklaring", "indicatie", "uitkeringsbewijs"] as const;
export type TargetGroupEvidenceKind = (typeof TARGET_GROUP_EVIDENCE_KINDS)[number];

export interface TargetGroupEvidence {
  kind: TargetGroupEvidenceKind;
  /** ISO date of the document. */
  date: string;
}

/** The kinds of line that describe a person of a target group. */
export const LABOUR_KINDS: readonly BlockKind[] = ["employment", "placement", "apprenticeship"];

/** A labour line that names no target-group evidence (stored before the field existed included). */
export const missingTargetGroupEvidence = (entry: {
  kind: BlockKind;
  targetGroupEvidence?: TargetGroupEvidence | null;
}): boolean => LABOUR_KINDS.includes(entry.kind) && !entry.targetGroupEvidence;

/**
 * Whether a labour line counts in the month rows' `withoutTargetGroupEvidence`: submitted without
 * evidence (stored as null). Entries stored before the field existed (absent) are not counted, as the
 * month rows written then did not count them; the review queue still flags them.
 */
export const countsWithoutTargetGroupEvidence = (entry: {
  kind: BlockKind;
  targetGroupEvidence?: TargetGroupEvidence | null;
}): boolean => LABOUR_KINDS.includes(entry.kind) && entry.targetGroupEvidence === null;
