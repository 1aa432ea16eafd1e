import { describe, expect, it } from "vitest";
import { clock, DEMO, newKey, tokenFor } from "../support/api.js";
import { useDemoServer } from "../support/demo-server.js";
import { bidBody, eur, tenderBody } from "../integration/tenders/support.js";

/**
 * The whole tender over HTTP, as clients use it: create → publish → three suppliers bid → the
 * deadline passes (injected clock) → open → committee scores → evaluate → intended award →
 * standstill → award, which creates the contract once.
 */

const START = new Date("2026-04-06T08:00:00Z");
const demo = useDemoServer(START, "e2e-sroi-rules");

const { api } = demo;

describe("tender lifecycle over HTTP", () => {
  it("runs from draft to contract", async () => {
    const officer = demo.tokens.officer;
    const suppliers = [
      demo.tokens.supplier,
      await tokenFor("supplier", DEMO.suppliers[1]),
      await tokenFor("supplier", DEMO.suppliers[2]),
    ];

    // 1. Draft and publish.
    const created = await api("/v1/tenders", {
      method: "POST",
      token: officer,
      json: tenderBody(clock.now()),
      headers: { "idempotency-key": "e2e-tender-1" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.headers.get("location")).toBe(`/v1/tenders/${id}`);
    const replay = await api("/v1/tenders", {
      method: "POST",
      token: officer,
      json: tenderBody(clock.now()),
      headers: { "idempotency-key": "e2e-tender-1" },
    });
    expect(replay.body.id).toBe(id);
    const published = await api(`/v1/tenders/${id}/publish`, {
      method: "POST",
      token: officer,
      json: { version: 1 },
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe("published");

    // 2. Three suppliers bid. IJsselbouw is cheapest but weak on quality; Groenwerk is dearer and strong.
    const prices = [1_900_000, 2_300_000, 2_100_000];
    for (const [i, token] of suppliers.entries()) {
      const bid = await api(`/v1/tenders/${id}/bids`, {
        method: "POST",
        token,
        json: bidBody(prices[i]!),
        headers: { "idempotency-key": newKey() },
      });
      expect(bid.status).toBe(201);
    }
    expect((await api(`/v1/tenders/${id}/bids`, { token: officer })).body).toEqual({
      count: 3,
      sealed: true,
      items: [],
    });

    // 3. The deadline passes.
    clock.set(new Date(Date.parse(published.body.submissionDeadline) + 60_000));
    const late = await api(`/v1/tenders/${id}/bids`, {
      method: "POST",
      token: suppliers[0],
      json: bidBody(1_000_000),
    });
    expect(late.status).toBe(422);

    // 4. Open; prices stay sealed until every bid is scored.
    expect((await api(`/v1/tenders/${id}/open`, { method: "POST", token: officer })).body.status).toBe(
      "opened",
    );
    const sealed = await api(`/v1/tenders/${id}/bids`, { token: officer });
    expect(sealed.body.pricesSealed).toBe(true);
    expect(sealed.body.items.every((b: any) => b.content.price === null)).toBe(true);
    const early = await api(`/v1/tenders/${id}/evaluation`, { method: "POST", token: officer });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe("quality-not-scored");
    expect(early.body.errors).toHaveLength(6); // three bids × two criteria
    expect(early.body.errors).toContainEqual({
      path: `bids.${DEMO.suppliers[0]}.scores.plan`,
      message: "no committee score yet",
    });

    // 5. Committee scores with justifications.
    const committee: Record<string, [number, number]> = {
      [DEMO.suppliers[0]]: [5, 4],
      [DEMO.suppliers[1]]: [9, 9],
      [DEMO.suppliers[2]]: [7, 6],
    };
    for (const [bidId, [plan, climate]] of Object.entries(committee)) {
      const scored = await api(`/v1/tenders/${id}/bids/${bidId}/scores`, {
        method: "PUT",
        token: officer,
        json: {
          scores: [
            { criterionId: "plan", score: plan, justification: "Concrete phasing, risks named." },
            { criterionId: "climate", score: climate, justification: "Water storage and greening measured." },
          ],
        },
      });
      expect(scored.status).toBe(200);
    }
    const unsealed = await api(`/v1/tenders/${id}/bids`, { token: officer });
    expect(unsealed.body.pricesSealed).toBe(false);
    expect(unsealed.body.items.map((b: any) => b.content.price.amount).sort()).toEqual([
      1_900_000, 2_100_000, 2_300_000,
    ]);

    // 6. Evaluate: stored with digest and engine version; GET returns the same result.
    const evaluated = await api(`/v1/tenders/${id}/evaluation`, {
      method: "POST",
      token: officer,
      headers: { "idempotency-key": newKey() },
    });
    expect(evaluated.status).toBe(201);
    const result = evaluated.body;
    expect(result.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    // Price: 40 × (3.5M − C) / 2M with C = P × 0.96 + 50,000 kg × 0.312 (= 15,600).
    // IJsselbouw: C = 1,839,600 → 33.208; quality 15 + 12 = 27 → 60.208
    // Groenwerk:  C = 2,223,600 → 25.528; quality 27 + 27 = 54 → 79.528
    // Schoonmaak: C = 2,031,600 → 29.368; quality 21 + 18 = 39 → 68.368
    expect(result.ranking.map((r: any) => [r.bidId, r.rank, r.totalScore])).toEqual([
      [DEMO.suppliers[1], 1, 79.528],
      [DEMO.suppliers[2], 2, 68.368],
      [DEMO.suppliers[0], 3, 60.208],
    ]);
    const winner = result.ranking[0];
    expect(winner.evaluatedPrice).toEqual(eur(2_223_600));
    expect(
      winner.breakdown.corrections.map((c: any) => [c.kind, c.amount.amount, c.table.id, c.table.version]),
    ).toEqual([
      ["certificate-discount", -92_000, "co2-ladder-prorail", "as-retrieved-2026"],
      ["true-price", 15_600, "true-price-monetisation", "4.0.2-nl.1"],
    ]);
    expect(winner.breakdown.socialReturn).toMatchObject({ mode: "minimum", meetsMinimum: true });
    const stored = await api(`/v1/tenders/${id}/evaluation`, { token: officer });
    expect(stored.body.inputDigest).toBe(result.inputDigest);
    expect(stored.body.ranking).toEqual(result.ranking);
    expect((await api(`/v1/tenders/${id}/evaluation`, { token: suppliers[0] })).status).toBe(404);

    // 7. Intended award: another than rank 1 needs a reason.
    const noReason = await api(`/v1/tenders/${id}/intended-award`, {
      method: "POST",
      token: officer,
      json: { bidId: DEMO.suppliers[2] },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe("award-reason-required");
    const intended = await api(`/v1/tenders/${id}/intended-award`, {
      method: "POST",
      token: officer,
      json: { bidId: DEMO.suppliers[1] },
    });
    expect(intended.status).toBe(200);
    expect(intended.body.intendedAward).toMatchObject({ bidId: DEMO.suppliers[1], rank: 1 });

    // Each bidder reads its own evaluation and the winner's scores, never another's price.
    const mine = await api(`/v1/tenders/${id}/evaluation`, { token: suppliers[0] });
    expect(mine.status).toBe(200);
    expect(mine.body.own).toMatchObject({ bidId: DEMO.suppliers[0], rank: 3, totalScore: 60.208 });
    expect(mine.body.winner).toMatchObject({ bidId: DEMO.suppliers[1], rank: 1, totalScore: 79.528 });
    expect(JSON.stringify(mine.body)).not.toContain(DEMO.suppliers[2]);
    expect(JSON.stringify(mine.body.winner)).not.toContain("2300000");

    // 8. The standstill period (20 days) must pass.
    const tooSoon = await api(`/v1/tenders/${id}/award`, { method: "POST", token: officer });
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.body.code).toBe("standstill-running");
    clock.set(new Date(Date.parse(intended.body.intendedAward.standstillEndsAt)));

    // 9. The award becomes final and creates the contract — once, however often it is retried.
    const key = newKey();
    const awarded = await api(`/v1/tenders/${id}/award`, {
      method: "POST",
      token: officer,
      headers: { "idempotency-key": key },
    });
    expect(awarded.status).toBe(200);
    expect(awarded.body.status).toBe("awarded");
    const contractId = awarded.body.award.contractId;
    const retried = await api(`/v1/tenders/${id}/award`, {
      method: "POST",
      token: officer,
      headers: { "idempotency-key": key },
    });
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    const again = await api(`/v1/tenders/${id}/award`, { method: "POST", token: officer });
    expect(again.status).toBe(200);
    expect(again.body.award.contractId).toBe(contractId);
    expect(contractId).toBe(`ct-${id}`);

    // 10. The contract the social-return capability builds on: the winning bid's price, offer and promise.
    const contract = await api(`/v1/contracts/${contractId}`, { token: officer });
    expect(contract.status).toBe(200);
    expect(contract.body).toMatchObject({
      tenderId: id,
      supplierId: DEMO.suppliers[1],
      value: eur(2_300_000),
      source: "award",
      obligation: { applies: true, amount: eur(115_000) },
      commitment: { amount: eur(116_666.67) }, // register block: 40,000 × 35 months / 12
    });
    expect(contract.body.promises).toEqual([
      expect.objectContaining({ kind: "co2-ladder", advantage: eur(92_000), status: "pending" }),
    ]);
    const winnerSees = await api(`/v1/contracts/${contractId}`, { token: suppliers[1] });
    expect(winnerSees.status).toBe(200);
  });
});
