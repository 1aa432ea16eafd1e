import { describe, expect, it } from "vitest";
import { clock, DEMO, newKey, tokenFor } from "../support/api.js";
import { useDemoServer } from "../support/demo-server.js";
import type { http } from "../support/http-server.js";
import { releasePackageErrors } from "../support/ocds-validator.js";
import { bidBody, DAY, eur, tenderBody } from "../integration/tenders/support.js";

/**
 * Done when: a tender taken through the whole process over HTTP — create, publish, bids, open, score,
 * evaluate, intended award, standstill, award and contract, on each of its two lots — exports an OCDS
 * release package that validates against the official OCDS 1.1.5 schema with the lots, bid and
 * awardCriteriaBreakdown extensions and ours, with zero errors, fetched without a token.
 */

const START = new Date("2026-06-01T08:00:00Z");
const demo = useDemoServer(START, "e2e-ocds-rules");

const { api } = demo;

async function ok(path: string, init: Parameters<typeof http>[1], status = 200) {
  const response = await api(path, init);
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
}

describe("OCDS export over HTTP", () => {
  it("a tender through the full process exports a package valid against the official schemas", async () => {
    const officer = demo.tokens.officer;
    const suppliers = [
      demo.tokens.supplier,
      await tokenFor("supplier", DEMO.suppliers[1]),
      await tokenFor("supplier", DEMO.suppliers[2]),
    ];
    const base = tenderBody(clock.now(), { reference: "ZW-2026-OCDS", maxLotsPerSupplier: 2 });
    const { awardModel, estimatedValue: _value, ...rest } = base;
    const lots = [
      { id: "1", title: "Perceel 1: Stationsweg", estimatedValue: eur(1_500_000), awardModel },
      { id: "2", title: "Perceel 2: Stationsplein", estimatedValue: eur(1_000_000), awardModel },
    ];
    const tender = await ok(
      "/v1/tenders",
      { method: "POST", token: officer, json: { ...rest, lots }, headers: { "idempotency-key": newKey() } },
      201,
    );
    const id = tender.id;
    await ok(`/v1/tenders/${id}/publish`, { method: "POST", token: officer, json: {} });

    const prices: Record<string, number[]> = { "1": [1_900_000, 2_300_000], "2": [1_200_000, 1_400_000] };
    for (const lotId of ["1", "2"])
      for (const [i, price] of prices[lotId]!.entries())
        await ok(
          `/v1/tenders/${id}/bids`,
          {
            method: "POST",
            token: suppliers[i]!,
            json: { ...bidBody(price), lotId },
            headers: { "idempotency-key": newKey() },
          },
          201,
        );

    clock.set(new Date(START.getTime() + 15 * DAY));
    await ok(`/v1/tenders/${id}/open`, { method: "POST", token: officer });
    const bids = (await ok(`/v1/tenders/${id}/bids`, { token: officer })).items;
    for (const bid of bids)
      await ok(`/v1/tenders/${id}/bids/${bid.bidId}/scores`, {
        method: "PUT",
        token: officer,
        json: {
          scores: [
            {
              criterionId: "plan",
              score: bid.supplierId === DEMO.suppliers[1] ? 9 : 6,
              justification: "Phasing.",
            },
            { criterionId: "climate", score: 7, justification: "Measured water storage." },
          ],
        },
      });
    for (const lotId of ["1", "2"]) {
      await ok(`/v1/tenders/${id}/lots/${lotId}/evaluation`, { method: "POST", token: officer }, 201);
      await ok(`/v1/tenders/${id}/lots/${lotId}/intended-award`, {
        method: "POST",
        token: officer,
        json: {},
      });
    }
    clock.set(new Date(START.getTime() + 60 * DAY));
    for (const lotId of ["1", "2"])
      await ok(`/v1/tenders/${id}/lots/${lotId}/award`, { method: "POST", token: officer });

    const response = await api(`/v1/tenders/${id}/ocds`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const pkg = response.body;
    expect(releasePackageErrors(pkg)).toEqual([]);

    expect(pkg.releases.map((r: any) => r.tag[0])).toEqual([
      "tender",
      "tenderUpdate",
      "award",
      "contract",
      "award",
      "contract",
    ]);
    const origin = new URL(demo.url).host;
    expect(pkg.uri).toBe(`http://${origin}/v1/tenders/${id}/ocds`);
    const contracts = pkg.releases.flatMap((r: any) => r.contracts ?? []);
    expect(contracts.map((c: any) => c.awardID)).toEqual(["award-1", "award-2"]);
    expect(pkg.releases.at(-1).tender.status).toBe("complete");

    // The package names our extension at a URL the API serves.
    const extension = await api(new URL(pkg.extensions.at(-1)).pathname);
    expect(extension.status).toBe(200);
    expect(extension.body.schemas).toEqual(["release-schema.json"]);
  });
});
