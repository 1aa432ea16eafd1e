import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationKey } from "../../../lib/entities/organisation.js";
import { ORGANISATION_TTL_MS } from "../../../lib/orgs/organisations.js";
import { installCallCounter } from "../../../lib/store/call-counter.js";
import { db } from "../../../lib/store/client.js";
import { getItem, updateVersioned } from "../../../lib/store/ops.js";
import { call, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { useFreshCaches } from "../../support/cache-clock.js";

/**
 * Authentication reads the caller's organisation (its kind and region decide what the role may do) at
 * most once per ORGANISATION_TTL_MS per container; the role itself comes from the token every time.
 */

const counter = installCallCounter(db);
let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});
afterAll(() => counter.remove());
const caches = useFreshCaches();

const me = async (token: string) => {
  const { result, calls } = await counter.counted(() => call("GET", "/v1/me", { token }));
  return { status: result.status, body: result.body, calls: calls.length };
};

describe("the caller's organisation, cached per container", () => {
  it("is read by the first request, then again once ORGANISATION_TTL_MS have passed", async () => {
    expect(await me(tokens.officer)).toMatchObject({ status: 200, calls: 1 });
    caches.advance(ORGANISATION_TTL_MS - 1);
    expect(await me(tokens.officer)).toMatchObject({ status: 200, calls: 0 });
    caches.advance(1);
    expect(await me(tokens.officer)).toMatchObject({ status: 200, calls: 1 });
  });

  it("still checks the token's role on every request", async () => {
    const supplierAsOfficer = await tokenFor("officer", DEMO.suppliers[0]);
    expect((await me(tokens.supplier)).status).toBe(200);
    // The same, cached organisation under a role that does not fit it: refused every time.
    expect((await me(supplierAsOfficer)).status).toBe(403);
    expect((await me(supplierAsOfficer)).status).toBe(403);
    const list = await call("GET", "/v1/organisations", { token: tokens.supplier });
    expect(list.status).toBe(403);
  });

  it("an organisation that does not exist is looked up every time, so one created is accepted at once", async () => {
    const id = `gm-new-${newKey().slice(0, 8)}`;
    const officer = await tokenFor("officer", id);
    expect(await me(officer)).toMatchObject({ status: 403, calls: 1 });
    expect(await me(officer)).toMatchObject({ status: 403, calls: 1 });
    const created = await call("POST", "/v1/organisations", {
      token: tokens.admin,
      idempotencyKey: newKey(),
      body: { id, kind: "municipality", name: "Gemeente Nieuw", regionId: DEMO.region },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await me(officer)).toMatchObject({ status: 200, body: { regionId: DEMO.region } });
  });

  it("a rename shows at once through this container, and through another within ORGANISATION_TTL_MS", async () => {
    const id = DEMO.municipalities[1];
    const officer = await tokenFor("officer", id);
    const before = (await me(officer)).body.organisation;
    const renamed = await call("PATCH", `/v1/organisations/${id}`, {
      token: tokens.admin,
      body: { name: "Gemeente Deventer (hernoemd)", version: before.version },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await me(officer)).body.organisation.name).toBe("Gemeente Deventer (hernoemd)");

    // Renamed by another container: this one is not told.
    const stored = await getItem<{ version: number }>(organisationKey(id));
    await updateVersioned(organisationKey(id), stored!.version, { name: "Deventer elsewhere" }, "test-op");
    expect((await me(officer)).body.organisation.name).toBe("Gemeente Deventer (hernoemd)");
    caches.advance(ORGANISATION_TTL_MS);
    expect((await me(officer)).body.organisation.name).toBe("Deventer elsewhere");
  });
});
