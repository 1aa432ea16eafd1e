import { describe, expect, it } from "vitest";
import { clock, DEMO, newKey, tokenFor } from "../support/api.js";
import { useDemoServer } from "../support/demo-server.js";
import { bidBody, eur, tenderBody } from "../integration/tenders/support.js";

/**
 * A tender in two lots over HTTP: lot 1 on price and quality, lot 2 on the lowest price; two suppliers
 * bid on both; each lot is evaluated, intended and awarded on its own routes, and each award creates
 * a contract that names the tender and its lot.
 */

const START = new Date("2026-04-06T08:00:00Z");
const [s1, s2] = DEMO.suppliers;
const demo = useDemoServer(START, "e2e-lots-rules");

const { api } = demo;

async function expectOk(response: Promise<{ status: number; body: any }>, status = 200) {
  const r = await response;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

describe("a tender in lots over HTTP", () => {
  it("runs from draft to two contracts, each naming its tender and lot", async () => {
    const officer = demo.tokens.officer;
    const supplier2 = await tokenFor("supplier", s2);
    const {
      estimatedValue: _value,
      awardModel,
      ...body
    } = tenderBody(clock.now(), {
      reference: "ZW-2026-PERCELEN",
      pricesSealedUntilQualityScored: false,
    });
    const lots = [
      { id: "1", title: "Perceel 1: Stationsweg", estimatedValue: eur(2_500_000), awardModel },
      {
        id: "2",
        title: "Perceel 2: fietsenstalling",
        estimatedValue: eur(400_000),
        awardModel: { method: "lowest-price" },
      },
    ];
    const created = await expectOk(
      api("/v1/tenders", {
        method: "POST",
        token: officer,
        json: { ...body, lots },
        headers: { "idempotency-key": newKey() },
      }),
      201,
    );
    const id = created.id;
    expect(created.estimatedValue).toEqual(eur(2_900_000));
    await expectOk(api(`/v1/tenders/${id}/publish`, { method: "POST", token: officer, json: {} }));

    for (const [token, lot1, lot2] of [
      [demo.tokens.supplier, 2_300_000, 390_000],
      [supplier2, 1_900_000, 380_000],
    ] as const) {
      await expectOk(
        api(`/v1/tenders/${id}/bids`, {
          method: "POST",
          token,
          json: bidBody(lot1),
          headers: { "idempotency-key": newKey() },
        }),
        201,
      );
      await expectOk(
        api(`/v1/tenders/${id}/bids`, {
          method: "POST",
          token,
          json: { price: eur(lot2), lotId: "2" },
          headers: { "idempotency-key": newKey() },
        }),
        201,
      );
    }

    clock.set(new Date(Date.parse(created.submissionDeadline) + 60_000));
    await expectOk(api(`/v1/tenders/${id}/open`, { method: "POST", token: officer }));
    // Committee scores on lot 1's criteria (lot 2 has none).
    for (const [bidId, plan] of [
      [s1, 8],
      [s2, 6],
    ] as const)
      await expectOk(
        api(`/v1/tenders/${id}/bids/${bidId}/scores`, {
          method: "PUT",
          token: officer,
          json: {
            scores: [
              { criterionId: "plan", score: plan, justification: "Committee consensus." },
              { criterionId: "climate", score: 7, justification: "Committee consensus." },
            ],
          },
        }),
      );

    const winners: string[] = [];
    for (const lotId of ["1", "2"]) {
      const evaluation = await expectOk(
        api(`/v1/tenders/${id}/lots/${lotId}/evaluation`, {
          method: "POST",
          token: officer,
          headers: { "idempotency-key": newKey() },
        }),
        201,
      );
      winners.push(evaluation.ranking[0].bidId);
      const read = await expectOk(api(`/v1/tenders/${id}/lots/${lotId}/evaluation`, { token: officer }));
      expect(read.inputDigest).toBe(evaluation.inputDigest);
      await expectOk(
        api(`/v1/tenders/${id}/lots/${lotId}/intended-award`, {
          method: "POST",
          token: officer,
          json: {},
          headers: { "idempotency-key": newKey() },
        }),
      );
    }
    expect(winners[1]).toBe(`${s2}~2`);

    const intended = await expectOk(api(`/v1/tenders/${id}`, { token: officer }));
    expect(intended.status).toBe("award-intended");
    clock.set(new Date(Date.parse(intended.lots[1].intendedAward.standstillEndsAt)));
    const contracts = [];
    for (const lot of intended.lots) {
      const awarded = await expectOk(
        api(`/v1/tenders/${id}/lots/${lot.id}/award`, {
          method: "POST",
          token: officer,
          headers: { "idempotency-key": newKey() },
        }),
      );
      const contractId = awarded.lots.find((l: { id: string }) => l.id === lot.id).award.contractId;
      contracts.push(await expectOk(api(`/v1/contracts/${contractId}`, { token: officer })));
    }
    expect((await expectOk(api(`/v1/tenders/${id}`, { token: officer }))).status).toBe("awarded");
    expect(contracts.map((c) => [c.tenderId, c.lotId, c.supplierId])).toEqual([
      [id, "1", winners[0]],
      [id, "2", s2],
    ]);
    expect(contracts[1].value).toEqual(eur(380_000));
    expect(new Set(contracts.map((c) => c.id)).size).toBe(2);
  });
});
