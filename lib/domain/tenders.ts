/** A tender's stored status, in the order a tender moves through them. */
export const TENDER_STATUSES = [
  "draft",
  "published",
  "opened",
  "evaluated",
  "award-intended",
  "awarded",
  "cancelled",
] as const;

export type TenderStatus = (typeof TENDER_STATUSES)[number];

/** What readers see: the status, except that a published tender past its deadline is "closed". */
export const TENDER_PHASES = [
  "draft",
  "published",
  "closed",
  "opened",
  "evaluated",
  "award-intended",
  "awarded",
  "cancelled",
] as const satisfies readonly (TenderStatus | "closed")[];

export type TenderPhase = (typeof TENDER_PHASES)[number];
