/**
 * What the impact monitor knows of an organisation (rules and sources: lib/domain/impact/README.md,
 * "Organisations"). Pure.
 */

/** EU SME definition (Commission Recommendation 2003/361/EC); "large" is any enterprise above it. */
export const SIZE_CLASSES = ["micro", "small", "medium", "large"] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** The evidence a supplier's claim to be a social enterprise rests on. */
export const SOCIAL_ENTERPRISE_KINDS = [
  "code-sociale-ondernemingen",
  "pso-30plus",
  "sw-company",
  "social-enterprise-nl",
] as const;
export type SocialEnterpriseKind = (typeof SOCIAL_ENTERPRISE_KINDS)[number];

export interface SocialEnterprise {
  kind: SocialEnterpriseKind;
  /** What shows it: a register entry, a certificate number, a document reference. */
  evidence: string;
  /** The last day (ISO date) the evidence holds. */
  validUntil: string;
}

/** CBS municipality code: "GM" and four digits (GM0193 is Zwolle). */
export const CBS_CODE = /^GM\d{4}$/;
/** Dutch postcode: four digits (the first not 0), a space, two capitals (SA, SD and SS are not issued). */
export const POSTCODE = /^[1-9]\d{3} (?!SA|SD|SS)[A-Z]{2}$/;
/** SBI code (Standaard Bedrijfsindeling): two to five digits, optionally dotted as CBS writes them. */
export const SBI_CODE = /^\d{2}(\.?\d{1,3})?$/;

/** A small or medium-sized enterprise in the EU sense: micro, small or medium. */
export const isSme = (sizeClass: SizeClass | null | undefined): boolean =>
  sizeClass === "micro" || sizeClass === "small" || sizeClass === "medium";

/** Whether a social-enterprise claim holds on `date` (ISO date): its evidence is valid through `validUntil`. */
export const socialEnterpriseValidOn = (
  socialEnterprise: SocialEnterprise | null | undefined,
  date: string,
): boolean => socialEnterprise != null && date <= socialEnterprise.validUntil;

/** Entries stored before the qualification came from the organisation used an older name for one kind. */
export const storedQualification = (value: string): SocialEnterpriseKind =>
  value === "social-enterprise" ? "social-enterprise-nl" : (value as SocialEnterpriseKind);
