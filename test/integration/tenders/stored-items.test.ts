import { beforeAll, describe, expect, it } from "vitest";
import { bidKey } from "../../../lib/entities/bid.js";
import { evaluationKey } from "../../../lib/entities/evaluation.js";
import { tenderKey } from "../../../lib/entities/tender.js";
import { getItem, putIfAbsent, removeFieldsIf } from "../../../lib/store/ops.js";
import { type ApiResponse, call, DEMO, type DemoTokens, seedDemo } from "../../support/api.js";

/**
 * Items of the tender aggregate are checked against their entity's schema on every read: one the current
 * code could not have written is a 500 that shows nothing of it; older shapes the code still knows read.
 */

let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});

const storedTender = async () => (await getItem<Record<string, any>>(tenderKey(DEMO.tender.id)))!;

/** A copy of the evaluated demo tender under another id, with `change` applied. */
async function plantTender(id: string, change: Record<string, unknown> = {}) {
  expect(await putIfAbsent({ ...(await storedTender()), ...tenderKey(id), id, ...change })).toBe(true);
}

function expectOpaque500(response: ApiResponse, ...hidden: string[]) {
  expect(response.status).toBe(500);
  expect(response.headers["content-type"]).toContain("application/problem+json");
  expect(response.body.correlationId).toEqual(expect.any(String));
  for (const value of hidden) expect(response.text).not.toContain(value);
}

describe("stored tender items", () => {
  it("a tender with a status the service does not know is a 500, never answered as stored", async () => {
    await plantTender("corrupt-status", { status: "archived" });
    const read = await call("GET", "/v1/tenders/corrupt-status", { token: tokens.officer });
    expectOpaque500(read, "archived", (await storedTender()).title);
  });

  it("a bid without its content is a 500 for its supplier", async () => {
    await plantTender("bid-without-content");
    const { content: _content, ...bid } = (await getItem<Record<string, any>>(
      bidKey(DEMO.tender.id, DEMO.suppliers[0]),
    ))!;
    expect(await putIfAbsent({ ...bid, ...bidKey("bid-without-content", DEMO.suppliers[0]) })).toBe(true);
    const read = await call("GET", `/v1/tenders/bid-without-content/bids/${DEMO.suppliers[0]}`, {
      token: tokens.supplier,
    });
    expectOpaque500(read, DEMO.suppliers[0]);
  });

  it("an evaluation run stored before score corrections existed reads as amended by none", async () => {
    await plantTender("run-before-corrections");
    const { run } = (await storedTender()).evaluation;
    const item = (await getItem<Record<string, any>>(evaluationKey(DEMO.tender.id, run)))!;
    expect(await putIfAbsent({ ...item, ...evaluationKey("run-before-corrections", run) })).toBe(true);
    expect(
      await removeFieldsIf(evaluationKey("run-before-corrections", run), [
        "amendedAfterPriceReveal",
        "corrections",
      ]),
    ).toBe(true);
    const read = await call("GET", "/v1/tenders/run-before-corrections/evaluation", {
      token: tokens.officer,
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ amendedAfterPriceReveal: false, corrections: [], stale: false });
    expect(read.body.ranking.map((r: any) => r.bidId)).toEqual([
      DEMO.suppliers[1],
      DEMO.suppliers[2],
      DEMO.suppliers[0],
    ]);
  });
});
