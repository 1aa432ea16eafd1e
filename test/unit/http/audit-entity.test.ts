import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entityRef } from "../../../lib/audit/audit.js";
import { ENTITY_KINDS, type EntityKind, entityRefSchema } from "../../../lib/schemas/audit.js";

const KINDS = Object.keys(ENTITY_KINDS) as EntityKind[];
/** Ids as the API issues them: slugs, base64url, version labels with dots. */
const idPart = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/);

describe("entity references <kind>:<id>", () => {
  it("accept every kind with its parts joined by /, as the API shows the ids", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.array(idPart, { minLength: 3, maxLength: 3 }),
        (kind, ids) => {
          const ref = `${kind}:${ids.slice(0, ENTITY_KINDS[kind].length).join("/")}`;
          expect(entityRefSchema.safeParse(ref).success).toBe(true);
          expect(entityRef(kind, ref.slice(kind.length + 1))).toBe(ref);
        },
      ),
    );
    expect(
      entityRefSchema.safeParse("sroi-entry:c-I0v8eCXir4feHtVz/20260504080000-70o1_Dwynp-rev").success,
    ).toBe(true);
    expect(
      entityRefSchema.safeParse("reference-table:certificate-discount/co2-ladder-prorail/2024").success,
    ).toBe(true);
  });

  it("refuse an unknown kind, a wrong number of parts, and spaces or control characters, saying the form", () => {
    const message = (value: unknown) => entityRefSchema.safeParse(value).error?.issues[0]?.message;
    for (const kind of KINDS) expect(message(undefined)).toContain(`${kind}:<`);
    expect(message(undefined)).toContain("sroi-entry:<contractId>/<entryId>");
    expect(message("widget:1")).toMatch(/^unknown kind/);
    expect(message("tender")).toMatch(/^unknown kind/);
    expect(message("bid:t1")).toBe("a bid is referenced as bid:<tenderId>/<bidId>");
    expect(message("sroi-entry:c1/e1/x")).toBe(
      "a sroi-entry is referenced as sroi-entry:<contractId>/<entryId>",
    );
    expect(message("tender:")).toBe("a tender is referenced as tender:<tenderId>");
    expect(message("tender:a b")).toBeDefined();
    expect(message("tender:a\u0000b")).toBeDefined();
    expect(message(`tender:${"x".repeat(201)}`)).toBeDefined();
  });

  it("are checked where events are written, so no trail lands where it cannot be read", () => {
    expect(() => entityRef("bid", "tender-only")).toThrow(/bid:<tenderId>\/<bidId>/);
  });
});
