import * as z from "zod";

/**
 * Every kind of entity with an audit trail, and what its id is made of: the ids the API shows for it,
 * in the order of its URL, joined by `/` (a bid is `bid:<tenderId>/<bidId>`). No id the API issues
 * contains a `/`, so the parts are unambiguous.
 */
export const ENTITY_KINDS = {
  region: ["regionId"],
  organisation: ["organisationId"],
  "reference-table": ["kind", "tableId", "version"],
  tender: ["tenderId"],
  bid: ["tenderId", "bidId"],
  contract: ["contractId"],
  "sroi-entry": ["contractId", "entryId"],
  "base-amount": ["contractId", "baseAmountId"],
  "sroi-catalogue": ["catalogueId", "version"],
  "sroi-policy": ["regionId", "version"],
  "score-correction": ["tenderId", "correctionId"],
  report: ["reportId"],
} as const satisfies Record<string, readonly string[]>;

export type EntityKind = keyof typeof ENTITY_KINDS;

const KINDS = Object.keys(ENTITY_KINDS) as EntityKind[];

/** "sroi-entry:<contractId>/<entryId>" */
export const entityForm = (kind: EntityKind) =>
  `${kind}:${ENTITY_KINDS[kind].map((part) => `<${part}>`).join("/")}`;

export const ENTITY_REF_HELP = `an entity reference <kind>:<id>, such as tender:<tenderId> or sroi-entry:<contractId>/<entryId>; one of ${KINDS.map(entityForm).join(", ")}`;

/** One part of an entity id: what the API issues as an id (no spaces, slashes or control characters). */
const PART = /^[^\s\p{Cc}\p{Cf}/]{1,200}$/u;

/** Why `ref` is not an entity reference, or undefined when it is one. */
export function entityRefProblem(ref: string): string | undefined {
  const colon = ref.indexOf(":");
  const kind = ref.slice(0, colon) as EntityKind;
  if (colon < 0 || !KINDS.includes(kind)) return `unknown kind: ${ENTITY_REF_HELP}`;
  const parts = ref.slice(colon + 1).split("/");
  if (parts.length !== ENTITY_KINDS[kind].length || !parts.every((p) => PART.test(p)))
    return `a ${kind} is referenced as ${entityForm(kind)}`;
  return undefined;
}

/** The `entity` query parameter of GET /v1/audit (sent URL-encoded). */
export const entityRefSchema = z
  .string({ error: ENTITY_REF_HELP })
  .superRefine((ref, ctx) => {
    const problem = entityRefProblem(ref);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .describe(`${ENTITY_REF_HELP[0]!.toUpperCase()}${ENTITY_REF_HELP.slice(1)}.`);
