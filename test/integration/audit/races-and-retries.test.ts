import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Endpoint } from "../../../lib/http/endpoint.js";
import type { RouteKey } from "../../../lib/http/routes.js";
import { loadEndpoints } from "../../../functions/local.js";
import { call, clock } from "../../support/api.js";
import { injectFaults } from "../../support/faults.js";
import {
  allAuditEvents,
  awardableTender,
  eventsSince,
  SCENARIOS,
  START,
  setUp,
  trailOf,
} from "./scenarios.js";

/** One event per transition: under concurrent calls of one route, and when a retry completes a crashed call. */

let mock: ReturnType<typeof injectFaults> | undefined;
beforeEach(async () => {
  await setUp();
  clock.set(START);
});
afterEach(() => {
  mock?.restore();
  mock = undefined;
});
afterAll(() => clock.reset());

const summary = (events: { entity: string; action: string }[]) =>
  events.map((e) => `${e.entity} ${e.action}`).sort();

describe("concurrent calls of a one-time transition", () => {
  it("20 parallel awards make one contract, one contract.created and one tender.awarded", async () => {
    const { tokens } = await setUp();
    const id = await awardableTender();
    const before = await allAuditEvents();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => call("POST", `/v1/tenders/${id}/award`, { token: tokens.officer })),
    );
    // Each caller reads the one award: one made it, the others find it made.
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const contractIds = new Set(responses.map((r) => r.body.award.contractId));
    expect(contractIds.size).toBe(1);
    const [contractId] = contractIds;

    expect(summary(await eventsSince(before))).toEqual([
      `contract:${contractId} contract.created`,
      `tender:${id} tender.awarded`,
    ]);
    const contractTrail = await trailOf(`contract:${contractId}`);
    expect(contractTrail.map((e) => e.action)).toEqual(["contract.created"]);
    const tenderTrail = await trailOf(`tender:${id}`);
    expect(tenderTrail.filter((e) => e.action === "tender.awarded")).toHaveLength(1);
    const contracts = await call("GET", "/v1/contracts?limit=500", { token: tokens.officer });
    expect(contracts.body.items.filter((c: { tenderId: string }) => c.tenderId === id)).toHaveLength(1);
  });
});

/**
 * Every route that honours an Idempotency-Key, crashed at each of its writes in turn (the first try
 * dies there; the retry with the same key completes it): each changed entity has exactly one event.
 */
const idempotent = (await loadEndpoints())
  .filter((e) => e.spec.idempotent && SCENARIOS[e.spec.key as RouteKey])
  .map((e) => [e.spec.key, e] as [string, Endpoint]);

const WRITES = new Set(["Put", "Update", "Delete"]);

describe("a retry with the same Idempotency-Key after a crash at any step", () => {
  it.each(idempotent)("%s", async (key, endpoint) => {
    const scenario = SCENARIOS[key as RouteKey]!;
    // A clean run counts the writes a call makes.
    let writes = 0;
    const clean = await scenario();
    mock = injectFaults((command) => {
      if (WRITES.has(command)) writes++;
      return undefined;
    });
    const response = await call(endpoint.spec.route.method, clean.path, clean.options);
    mock.restore();
    expect(response.status, response.text).toBeLessThan(300);
    expect(writes).toBeGreaterThan(1);

    for (let crashAt = 1; crashAt <= writes; crashAt++) {
      clock.set(START);
      const prepared = await scenario();
      let n = 0;
      mock = injectFaults((command) =>
        WRITES.has(command) && ++n === crashAt ? new Error("simulated crash") : undefined,
      );
      const crashed = await call(endpoint.spec.route.method, prepared.path, prepared.options);
      mock.restore();
      expect(crashed.status, `crash at write ${crashAt}`).toBe(500);

      const retried = await call(endpoint.spec.route.method, prepared.path, prepared.options);
      expect(retried.status, `retry after a crash at write ${crashAt}: ${retried.text}`).toBeLessThan(300);
      // The scenario's entities never had this action before: their trails hold it exactly once.
      for (const change of prepared.changes(retried)) {
        const action = change.action ?? [endpoint.spec.audit].flat()[0];
        const trail = await trailOf(change.entity);
        expect(
          trail.filter((e) => e.action === action),
          `${change.entity} after a crash at write ${crashAt}`,
        ).toHaveLength(1);
      }
    }
  });
});
