import { describe, expect, it } from "vitest";
import { call, clock, DEMO, newKey, tokenFor } from "../support/api.js";
import { useDemoServer } from "../support/demo-server.js";
import { http } from "../support/http-server.js";
import { releasePackageErrors } from "../support/ocds-validator.js";
import { TenderFlow } from "../integration/tenders/ocds-flow.js";

/**
 * A portal harvesting a buyer over HTTP, without a token: GET /v1/ocds/releases pages through the buyer's
 * release packages (page by page with the cursor), each valid against the official schemas, the awarded
 * tender's contract with its social return realised per month.
 */

const START = new Date("2026-06-01T08:00:00Z");
const demo = useDemoServer(START, "e2e-bulk-rules");

describe("harvesting a buyer's OCDS over HTTP", () => {
  it("pages through the buyer's release packages of a month, the awarded one with its realised social return", async () => {
    const awarded = await new TenderFlow(demo.tokens).awarded();
    // Published an hour after the first, the same month.
    clock.set(new Date(START.getTime() + 3_600_000));
    const published = await (await new TenderFlow(demo.tokens).draft()).publish();
    clock.set(START);
    const draft = await new TenderFlow(demo.tokens).draft();

    // The winner's realisation on the contract, accepted by the region's auditor.
    clock.set(new Date("2026-11-03T09:00:00Z"));
    const entry = await call("POST", `/v1/contracts/ct-${awarded.id}/entries`, {
      token: await tokenFor("supplier", DEMO.suppliers[1]),
      idempotencyKey: newKey(),
      body: {
        blockId: "work-experience",
        candidateRef: "E2E-CAND-42",
        startDate: "2026-10-01",
        endDate: "2026-10-31",
        period: "2026-10",
      },
    });
    expect(entry.status, entry.text).toBe(201);
    const review = await call("POST", `/v1/contracts/ct-${awarded.id}/entries/${entry.body.id}/review`, {
      token: demo.tokens.auditor,
      body: { decision: "accept", reason: "checked" },
    });
    expect(review.status, review.text).toBe(200);

    const harvested: any[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `buyer=${DEMO.municipalities[0]}&from=2026-06&to=2026-06&limit=1${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""
      }`;
      const page = await http(`${demo.url}/v1/ocds/releases?${query}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.headers.get("content-type")).toBe("application/json");
      harvested.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(harvested.map((p) => p.releases[0].tender.id)).toEqual([awarded.id, published.id]);
    for (const pkg of harvested) expect(releasePackageErrors(pkg)).toEqual([]);
    const origin = new URL(demo.url).host;
    expect(harvested[0].uri).toBe(`http://${origin}/v1/tenders/${awarded.id}/ocds`);
    const [contract] = harvested[0].releases.find((r: any) => r.tag.includes("contract")).contracts;
    expect(contract.implementation.milestones[0]).toMatchObject({
      code: "socialReturn",
      status: "scheduled",
    });
    expect(contract.implementation.socialReturn.periods).toEqual([
      expect.objectContaining({ id: "2026-10", realisedValue: entry.body.value }),
    ]);
    const text = JSON.stringify(harvested);
    expect(text).not.toContain(draft.id);
    expect(text).not.toContain("E2E-CAND-42");
  });
});
