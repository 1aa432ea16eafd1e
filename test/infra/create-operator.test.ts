import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createOperator } from "../../functions/scripts/create-operator.js";
import { CLAIM_ATTRIBUTES } from "../../infra/stacks/identity-stack.js";
import { authenticate, LOCAL_AUDIENCE, LOCAL_ISSUER } from "../../lib/http/auth.js";
import { operation } from "../../lib/operation.js";
import { createOrganisation, getOrganisation } from "../../lib/orgs/organisations.js";
import { TEST_SIGNING_KEY } from "../support/setup-env.js";

/** A token shaped like a Cognito ID token: the role and org come as custom attributes. */
const cognitoStyleToken = (org: string, role = "admin") =>
  new SignJWT({ [`custom:${CLAIM_ATTRIBUTES.role}`]: role, [`custom:${CLAIM_ATTRIBUTES.org}`]: org })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("first-admin")
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(TEST_SIGNING_KEY));

describe("bootstrap of a deployed stage (functions/scripts/create-operator.ts)", () => {
  const now = new Date("2026-11-26T12:00:00Z");

  it("creates the operator organisation the first admin's custom:org points at", async () => {
    const before = await cognitoStyleToken("op-bootstrap-test");
    await expect(authenticate(`Bearer ${before}`)).rejects.toMatchObject({ name: "Forbidden" });

    const result = await createOperator({ id: "op-bootstrap-test", name: "Operator (test)", now });
    expect(result.created).toBe(true);
    expect(await getOrganisation("op-bootstrap-test")).toMatchObject({ kind: "operator", regionId: null });

    const caller = await authenticate(`Bearer ${await cognitoStyleToken("op-bootstrap-test")}`);
    expect(caller).toMatchObject({ sub: "first-admin", role: "admin", orgId: "op-bootstrap-test" });
  });

  it("is safe to re-run and refuses an id that belongs to another kind of organisation", async () => {
    await createOperator({ id: "op-rerun", name: "Operator", now });
    const again = await createOperator({ id: "op-rerun", name: "Renamed?", now: new Date() });
    expect(again).toMatchObject({ created: false, organisation: { id: "op-rerun", name: "Operator" } });

    const admin = { sub: "t", role: "admin", orgId: "op-rerun", regionId: null } as const;
    await createOrganisation(operation(admin, now), {
      id: "sup-not-an-operator",
      kind: "supplier",
      name: "Supplier",
      kvk: "90000099",
    });
    await expect(createOperator({ id: "sup-not-an-operator", name: "x", now })).rejects.toThrow(/supplier/);
    await expect(createOperator({ id: "Not A Slug", name: "x", now })).rejects.toThrow();
  });
});
