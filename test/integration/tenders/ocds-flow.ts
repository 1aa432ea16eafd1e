import { expect } from "vitest";
import { call, clock, DEMO, type DemoTokens, newKey, tokenFor } from "../../support/api.js";
import { bidBody, DAY, tenderBody } from "./support.js";

/**
 * A weighted-points tender taken step by step through its process with the real handlers, for the OCDS
 * tests: each step returns the tender id so a test can stop where it wants to look.
 */

async function ok(response: Promise<{ status: number; body: any; text: string }>, status = 200) {
  const r = await response;
  expect(r.status, r.text).toBe(status);
  return r.body;
}

/** Committee scores (plan, climate) per supplier: the second supplier wins on quality. */
const COMMITTEE: [number, number][] = [
  [5, 4],
  [9, 9],
  [3, 6], // plan below the minimum 4: not compliant
];
export const PRICES = [1_900_000, 2_300_000, 2_100_000];

export class TenderFlow {
  id = "";
  private suppliers: string[] = [];
  constructor(private readonly tokens: DemoTokens) {}

  async draft(overrides: Record<string, unknown> = {}) {
    const body = tenderBody(clock.now(), { reference: `OCDS-${newKey().slice(0, 8)}`, ...overrides });
    this.id = (
      await ok(
        call("POST", "/v1/tenders", { token: this.tokens.officer, body, idempotencyKey: newKey() }),
        201,
      )
    ).id;
    return this;
  }

  async publish() {
    await ok(call("POST", `/v1/tenders/${this.id}/publish`, { token: this.tokens.officer, body: {} }));
    return this;
  }

  async bid() {
    this.suppliers = [
      this.tokens.supplier,
      await tokenFor("supplier", DEMO.suppliers[1]),
      await tokenFor("supplier", DEMO.suppliers[2]),
    ];
    for (const [i, token] of this.suppliers.entries())
      await ok(
        call("POST", `/v1/tenders/${this.id}/bids`, {
          token,
          body: bidBody(PRICES[i]!),
          idempotencyKey: newKey(),
        }),
        201,
      );
    return this;
  }

  async open() {
    clock.set(new Date(clock.now().getTime() + 15 * DAY));
    await ok(call("POST", `/v1/tenders/${this.id}/open`, { token: this.tokens.officer }));
    return this;
  }

  async score() {
    for (const [i, [plan, climate]] of COMMITTEE.entries())
      await ok(
        call("PUT", `/v1/tenders/${this.id}/bids/${DEMO.suppliers[i]}/scores`, {
          token: this.tokens.officer,
          body: {
            scores: [
              { criterionId: "plan", score: plan, justification: "Phasing and risks." },
              { criterionId: "climate", score: climate, justification: "Water storage measured." },
            ],
          },
        }),
      );
    return this;
  }

  async evaluate() {
    await ok(call("POST", `/v1/tenders/${this.id}/evaluation`, { token: this.tokens.officer }), 201);
    return this;
  }

  async intend() {
    await ok(call("POST", `/v1/tenders/${this.id}/intended-award`, { token: this.tokens.officer, body: {} }));
    return this;
  }

  async award() {
    clock.set(new Date(clock.now().getTime() + 40 * DAY));
    await ok(call("POST", `/v1/tenders/${this.id}/award`, { token: this.tokens.officer }));
    return this;
  }

  /** Every step up to the final award (and the contract it creates). */
  async awarded(overrides: Record<string, unknown> = {}) {
    await this.draft(overrides);
    await this.publish();
    await this.bid();
    await this.open();
    await this.score();
    await this.evaluate();
    await this.intend();
    return this.award();
  }

  /** The package as the public reads it: no token. */
  async ocds() {
    return call("GET", `/v1/tenders/${this.id}/ocds`);
  }
}
