/** The kinds of organisation on the platform; each role acts for one kind. */
export const ORG_KINDS = ["municipality", "supplier", "region-body", "operator"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
