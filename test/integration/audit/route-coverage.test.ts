import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditDeclaration, Endpoint } from "../../../lib/http/endpoint.js";
import { MUTATING_METHODS, type RouteKey } from "../../../lib/http/routes.js";
import { loadEndpoints } from "../../../functions/local.js";
import { auditKey } from "../../../lib/entities/audit-event.js";
import { call, clock } from "../../support/api.js";
import { allAuditEvents, eventsSince, SCENARIOS, START, setUp, trailOf } from "./scenarios.js";

/**
 * Walks the route list: every mutating route is performed through the real handlers, and leaves exactly
 * one event of the kind it declares in the trail of each entity it changed — or nothing, when it
 * declares { none }. A mutating route without a declaration or a scenario fails here.
 */

const mutating = (await loadEndpoints()).filter((e) => MUTATING_METHODS.includes(e.spec.route.method));

const declaredActions = (audit: AuditDeclaration): string[] =>
  typeof audit === "object" && "none" in audit ? [] : [audit].flat();

beforeEach(async () => {
  await setUp();
  clock.set(START);
});
afterAll(() => clock.reset());

describe("the audit trail of every mutating route", () => {
  it("has a scenario for each mutating route and none for another", () => {
    const keys = mutating.map((e) => e.spec.key).sort();
    expect(Object.keys(SCENARIOS).sort()).toEqual(keys);
  });

  it.each(mutating.map((e) => [e.spec.key, e] as [string, Endpoint]))("%s", async (key, { spec }) => {
    expect(spec.audit, `${key} declares no audit event`).toBeDefined();
    const scenario = SCENARIOS[key as RouteKey];
    expect(scenario, `${key} has no audit scenario in test/integration/audit/scenarios.ts`).toBeDefined();
    const declared = declaredActions(spec.audit!);
    const prepared = await scenario!();

    const before = await allAuditEvents();
    const response = await call(spec.route.method, prepared.path, prepared.options);
    expect(response.status, response.text).toBeGreaterThanOrEqual(200);
    expect(response.status, response.text).toBeLessThan(300);
    const written = await eventsSince(before);

    if (declared.length === 0) {
      expect(written, `${key} declares { none } but wrote events`).toEqual([]);
      return;
    }
    const changes = prepared.changes(response).map((c) => {
      if (c.action === undefined) expect(declared, `${key}: name the action of ${c.entity}`).toHaveLength(1);
      return { entity: c.entity, action: c.action ?? declared[0]! };
    });
    expect(changes.length, `${key} changes at least one entity`).toBeGreaterThan(0);
    expect(declared, `${key} declares what it writes`).toContain(changes[0]!.action);
    // Exactly one event per changed entity, and nothing else.
    const sort = (list: { entity: string; action: string }[]) =>
      list.map((e) => `${e.entity} ${e.action}`).sort();
    expect(sort(written)).toEqual(sort(changes));
    // Each is readable in the entity's trail, by its reference as the API shows it.
    for (const change of changes) {
      const fresh = (await trailOf(change.entity)).filter((e) => {
        const { pk, sk } = auditKey(change.entity, e.at, e.opId, e.step);
        return !before.has(`${pk}|${sk}`);
      });
      expect(
        fresh.map((e) => e.action),
        change.entity,
      ).toEqual([change.action]);
    }
  });
});

describe("reading a trail at GET /v1/audit", () => {
  it("says what an entity reference looks like when it is missing or malformed", async () => {
    const { tokens } = await setUp();
    const missing = await call("GET", "/v1/audit", { token: tokens.admin });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: "query.entity", message: expect.stringContaining("an entity reference <kind>:<id>") },
    ]);
    for (const form of ["tender:<tenderId>", "bid:<tenderId>/<bidId>", "sroi-entry:<contractId>/<entryId>"])
      expect(missing.body.errors[0].message).toContain(form);
    const malformed = await call("GET", `/v1/audit?entity=${encodeURIComponent("bid:only-a-tender")}`, {
      token: tokens.admin,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].message).toBe("a bid is referenced as bid:<tenderId>/<bidId>");
  });

  it("reads the trail of an entry by its URL-encoded reference, for admins and the region's auditors", async () => {
    const { tokens } = await setUp();
    const prepared = await SCENARIOS["POST /v1/contracts/{contractId}/entries"]!();
    const submitted = await call("POST", prepared.path, prepared.options);
    expect(submitted.status).toBe(201);
    const [{ entity }] = prepared.changes(submitted) as [{ entity: string }];
    expect(entity).toBe(`sroi-entry:${submitted.body.contractId}/${submitted.body.id}`);
    for (const token of [tokens.admin, tokens.auditor]) {
      const trail = await call("GET", `/v1/audit?entity=${encodeURIComponent(entity)}`, { token });
      expect(trail.status).toBe(200);
      expect(trail.body.items).toMatchObject([{ entity, action: "sroi-entry.submitted" }]);
    }
  });
});
