/** The kinds of organisation on the platform; each role acts for one kind. */
export const ORG_KINDS = ["municipality", "supplier", "region-body", "operator"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** The roles a caller acts in (the token's `role` claim). */
export const ROLES = ["officer", "supplier", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];
