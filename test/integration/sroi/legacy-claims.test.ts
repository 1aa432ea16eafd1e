import { describe, expect, it } from "vitest";
import { candidateClaimKey, fteClaimKey } from "../../../lib/entities/claims.js";
import { getItem, putIfAbsent } from "../../../lib/store/ops.js";
import { call, DEMO, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { eur, newContract } from "./support.js";

/**
 * Claims stored by earlier releases: a contract's periods of a candidate in a document of their own
 * (candidateClaimKey). They count until the first write moves them into the supplier's claim.
 */
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);
const MONTH_TICKS = 377_580;

const submit = (contractId: string, body: Record<string, unknown>) =>
  call("POST", `/v1/contracts/${contractId}/entries`, { token: supplier, body, idempotencyKey: newKey() });
const placement = (candidateRef: string, startDate: string, endDate: string) => ({
  blockId: "work-experience",
  candidateRef,
  startDate,
  endDate,
  period: startDate.slice(0, 7),
});

/** A legacy claim of `ref` in the contract: one work-experience period, from `start` for `months`. */
async function legacyClaim(contractId: string, ref: string, start: string, end: string, extra = {}) {
  const months = Number(end.slice(5, 7)) - Number(start.slice(5, 7)) + 1;
  const period = {
    entryId: `legacy-${ref}`,
    blockId: "work-experience",
    start,
    end,
    monthsTicks: months * MONTH_TICKS,
    monthsBeforeTicks: 0,
  };
  expect(
    await putIfAbsent({ ...candidateClaimKey(contractId, ref), periods: [period], version: 1, ...extra }),
  ).toBe(true);
}

type Period = { entryId: string; contractId: string; released?: boolean };
const supplierClaim = (ref: string) =>
  getItem<{ contractPeriods?: Period[]; periods: Period[]; adopted?: string[] }>(
    fteClaimKey(DEMO.suppliers[1], ref),
  );

describe("claims stored in a contract's own document", () => {
  it("marked moved but not copied yet (a crash between the two writes): still counts, and is copied once", async () => {
    const id = await newContract(tokens.officer, "ZW-LEG-1");
    await legacyClaim(id, "LEG-1", "2025-03-01", "2025-05-31", { moved: true });
    const overlap = await submit(id, placement("LEG-1", "2025-04-01", "2025-04-30"));
    expect(overlap.status, overlap.text).toBe(422);
    expect(overlap.body.code).toBe("candidate-overlap");
    const upload = await call("POST", `/v1/contracts/${id}/entries/import`, {
      token: supplier,
      rawBody:
        "blockId;candidateRef;startDate;endDate;period\nwork-experience;LEG-1;2025-05-01;2025-05-31;2025-05\n",
      headers: { "content-type": "text/csv" },
      idempotencyKey: newKey(),
    });
    expect(upload.status, upload.text).toBe(422);
    expect(upload.text).toContain("candidate-overlap");
    const after = await submit(id, placement("LEG-1", "2025-06-01", "2025-06-30"));
    expect(after.status, after.text).toBe(201);
    const again = await submit(id, placement("LEG-1", "2025-07-01", "2025-07-31"));
    expect(again.status, again.text).toBe(201);
    const claim = await supplierClaim("LEG-1");
    expect(claim?.adopted).toEqual([id]);
    expect(claim?.contractPeriods?.map((p) => p.entryId)).toEqual([
      "legacy-LEG-1",
      after.body.id,
      again.body.id,
    ]);
  });

  it("racing first writes: the legacy periods are copied once, and every claim checks against them", async () => {
    const id = await newContract(tokens.officer, "ZW-LEG-2");
    await legacyClaim(id, "LEG-2", "2025-01-01", "2025-02-28");
    const months = ["03", "04", "05", "06", "07", "08"];
    const results = await Promise.all([
      ...months.map((m) => submit(id, placement("LEG-2", `2025-${m}-01`, `2025-${m}-28`))),
      ...[1, 2, 3].map(() => submit(id, placement("LEG-2", "2025-02-01", "2025-02-28"))),
    ]);
    expect(results.map((r) => r.status)).toEqual([...months.map(() => 201), 422, 422, 422]);
    expect(await getItem(candidateClaimKey(id, "LEG-2"))).toMatchObject({ moved: true });
    const entryIds = (await supplierClaim("LEG-2"))?.contractPeriods?.map((p) => p.entryId).sort();
    expect(entryIds).toEqual(
      ["legacy-LEG-2", ...results.slice(0, months.length).map((r) => r.body.id)].sort(),
    );
  });

  it("retention removes the contract's periods from the supplier's claims, and its legacy claims", async () => {
    const ended = await newContract(tokens.officer, "ZW-LEG-3", {
      value: eur(300_000),
      startDate: "2024-01-01",
      endDate: "2024-06-30",
    });
    const running = await newContract(tokens.officer, "ZW-LEG-4");
    for (const [contractId, ref, start, end] of [
      [ended, "LEG-3", "2024-01-01", "2024-01-31"],
      [ended, "LEG-4", "2024-02-01", "2024-02-29"],
      [running, "LEG-3", "2025-03-01", "2025-03-31"],
    ] as const) {
      const entry = await submit(contractId, placement(ref, start, end));
      expect(entry.status, entry.text).toBe(201);
    }
    await legacyClaim(ended, "LEG-5", "2024-03-01", "2024-03-31");
    const done = await call("POST", `/v1/contracts/${ended}/retention`, { token: tokens.admin });
    expect(done.status, done.text).toBe(200);
    // LEG-4's claim and LEG-5's legacy claim are gone; LEG-3 keeps its period in the running contract.
    expect(done.body).toMatchObject({ replaced: 2, claimItemsRemoved: 2 });
    expect(await supplierClaim("LEG-4")).toBeUndefined();
    expect(await getItem(candidateClaimKey(ended, "LEG-5"))).toBeUndefined();
    const kept = await supplierClaim("LEG-3");
    expect(kept?.contractPeriods?.map((p) => p.contractId)).toEqual([running]);
    expect(kept?.adopted).toContain(ended);
  });
});
