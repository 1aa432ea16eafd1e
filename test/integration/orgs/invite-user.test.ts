import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Conflict } from "../../../lib/domain/errors.js";
import { type Invitee, type UserDirectory, useUserDirectory } from "../../../lib/orgs/user-directory.js";
import { call, DEMO, type DemoTokens, newKey, seedDemo } from "../../support/api.js";

/**
 * POST /v1/organisations/{organisationId}/users: an admin invites a person into the user pool with the
 * role that acts for the organisation. The pool is a fake here (the deployed one is Cognito's, see
 * lib/orgs/user-directory.ts); without one (the local runtime) the route says what to do instead.
 */
let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});
afterEach(() => useUserDirectory(undefined));

/** A user pool in memory: one account per address. */
function fakePool() {
  const users = new Map<string, Invitee & { sub: string }>();
  const directory: UserDirectory = {
    async invite(invitee) {
      if (users.has(invitee.email))
        throw new Conflict("This e-mail address already has an account.", "user-exists");
      const sub = `sub-${users.size + 1}`;
      users.set(invitee.email, { ...invitee, sub });
      return { sub };
    },
  };
  useUserDirectory(directory);
  return users;
}

const invite = (org: string, email: string, token = tokens.admin, idempotencyKey = newKey()) =>
  call("POST", `/v1/organisations/${org}/users`, { token, body: { email }, idempotencyKey });

describe("inviting a user", () => {
  it("creates the user with the role of the organisation's kind and records it in the organisation's trail", async () => {
    const users = fakePool();
    const cases = [
      [DEMO.municipalities[1], "officer"],
      [DEMO.suppliers[0], "supplier"],
      [DEMO.regionBody, "auditor"],
      [DEMO.operator, "admin"],
    ] as const;
    for (const [org, role] of cases) {
      const email = `${role}@example.nl`;
      const response = await invite(org, email);
      expect(response.status, response.text).toBe(201);
      expect(response.body).toEqual({ sub: users.get(email)!.sub, email, role, organisationId: org });
      expect(users.get(email)).toMatchObject({ email, role, org });
    }
    const trail = await call("GET", `/v1/audit?entity=organisation:${DEMO.municipalities[1]}`, {
      token: tokens.admin,
    });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toContain("organisation.user-invited");
  });

  it("replays a retried invitation instead of inviting twice (Idempotency-Key)", async () => {
    const users = fakePool();
    const key = newKey();
    const first = await invite(DEMO.municipalities[0], "retry@example.nl", tokens.admin, key);
    const again = await invite(DEMO.municipalities[0], "retry@example.nl", tokens.admin, key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(users.size).toBe(1);
  });

  it("answers 409 user-exists for an address that has an account", async () => {
    fakePool();
    expect((await invite(DEMO.municipalities[0], "twice@example.nl")).status).toBe(201);
    const second = await invite(DEMO.municipalities[0], "twice@example.nl");
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("user-exists");
  });

  it("is for admins only, for organisations that exist, with a valid address", async () => {
    const users = fakePool();
    const officer = await invite(DEMO.municipalities[0], "x@example.nl", tokens.officer);
    expect(officer.status).toBe(403);
    expect((await invite("gm-nowhere", "y@example.nl")).status).toBe(404);
    const invalid = await invite(DEMO.municipalities[0], "not-an-address");
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].path).toBe("body.email");
    expect(users.size).toBe(0);
  });

  it("without a user pool (the local runtime) explains that the demo users are the users", async () => {
    const response = await invite(DEMO.municipalities[0], "local@example.nl");
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("no-user-directory");
    expect(response.body.detail).toContain("development sign-in");
  });
});
