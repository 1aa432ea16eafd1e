import { InternalServerError, ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { isEntry } from "../../../lib/entities/entry.js";
import { isBlockTotals, isTotals } from "../../../lib/entities/totals.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { type CommandName, injectFaults } from "../../support/faults.js";
import { eur, newContract, utrechtOfficer as utrechtOfficerOf } from "./support.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

const balanceOf = async (id: string) =>
  (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer })).body;

const entryBody = (candidateRef: string) => ({
  blockId: "work-experience",
  candidateRef,
  startDate: "2025-01-01",
  endDate: "2025-01-31",
  period: "2025-01",
});

const throttled = () =>
  new ProvisionedThroughputExceededException({ message: "Rate exceeded", $metadata: {} });
/** A server fault: the write may or may not have been applied, as when the function dies mid-way. */
const crashed = () => new InternalServerError({ message: "simulated crash", $metadata: {} });

let faults: ReturnType<typeof injectFaults> | undefined;
afterEach(() => {
  faults?.restore();
  faults = undefined;
});

/** Fails the first write for which `when` holds with `error`; everything else reaches dynalite. */
function failOnce(when: (command: CommandName, input: any) => boolean, error: () => Error) {
  let fired = false;
  faults = injectFaults((name, input) => {
    if (fired || !when(name, input)) return undefined;
    fired = true;
    return error();
  });
  return () => {
    faults?.restore();
    faults = undefined;
    return fired;
  };
}

const names = (input: any): string[] => Object.values(input.ExpressionAttributeNames ?? {});
const totalsWrite = (field: string) => (command: CommandName, input: any) =>
  command === "Update" && isTotals(input.Key) && names(input).includes(field);

/** Utrecht's catalogue has an hours block. */
const utrechtOfficer = () => utrechtOfficerOf(tokens.admin);

describe("running totals stay verified whatever a supplier sends", () => {
  it("an entry whose value overflows is refused before the marker; the settlement is not blocked", async () => {
    const officer = await utrechtOfficer();
    const id = await newContract(officer, "UT-SAFE-1", { startDate: "2024-01-01", endDate: "2025-06-30" });
    const huge = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: {
        blockId: "social-activity",
        startDate: "2025-04-01",
        endDate: "2025-04-30",
        hours: 1e14,
        period: "2025-H1",
      },
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(huge.headers["content-type"]).toBe("application/problem+json");
    expect(huge.body.errors?.[0]?.path).toBe("body.hours");
    const balance = (await call("GET", `/v1/contracts/${id}/balance`, { token: officer })).body;
    expect(balance).toMatchObject({ totalsVerified: true, pending: eur(0), entries: { submitted: 0 } });
    const settled = await call("POST", `/v1/contracts/${id}/settlement`, {
      token: officer,
      body: { outcome: "withheld", reason: "withheld from the last payment", version: 1 },
    });
    expect(settled.status).toBe(200);
    expect(settled.body.settlement).toMatchObject({ outcome: "withheld", shortfall: eur(100000) });
  });

  it("50 parallel identical submissions with one Idempotency-Key make one entry and verified totals", async () => {
    const id = await newContract(tokens.officer, "ZW-SAFE-2");
    const key = newKey();
    const body = {
      blockId: "work-experience",
      candidateRef: "P50",
      startDate: "2025-01-01",
      endDate: "2025-01-31",
      period: "2025-01",
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("POST", `/v1/contracts/${id}/entries`, { token: supplier, body, idempotencyKey: key }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const busy = results.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(50);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.text)).size).toBe(1);
    for (const r of busy) {
      expect(r.headers["content-type"]).toBe("application/problem+json");
      expect(r.body.code).toBe("request-in-progress");
      expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
    }
    const entries = await call("GET", `/v1/contracts/${id}/entries`, { token: supplier });
    expect(entries.body.items).toHaveLength(1);
    expect(await balanceOf(id)).toMatchObject({
      pending: eur(750),
      entries: { submitted: 1 },
      totalsVerified: true,
    });
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body).toMatchObject({ consistent: true, inFlight: 0, entries: 1 });
  });

  it("a write that fails after the marker is undone: the request fails, the totals stay verified, the retry counts once", async () => {
    const id = await newContract(tokens.officer, "ZW-SAFE-3");
    const request = { token: supplier, body: entryBody("U1"), idempotencyKey: newKey() };
    const restore = failOnce((command, input) => command === "Update" && isBlockTotals(input.Key), throttled);
    const failed = await call("POST", `/v1/contracts/${id}/entries`, request);
    expect(restore()).toBe(true);
    expect(failed.status).toBe(503);
    expect(await balanceOf(id)).toMatchObject({
      totalsVerified: true,
      pending: eur(0),
      entries: { submitted: 0 },
    });
    expect((await call("GET", `/v1/contracts/${id}/entries`, { token: supplier })).body.items).toHaveLength(
      0,
    );

    const retried = await call("POST", `/v1/contracts/${id}/entries`, request);
    expect(retried.status).toBe(201);
    expect(await balanceOf(id)).toMatchObject({
      totalsVerified: true,
      pending: eur(750),
      entries: { submitted: 1 },
    });

    // A review whose last step fails is undone too: the entry is submitted again, nothing is credited.
    const review = () =>
      call("POST", `/v1/contracts/${id}/entries/${retried.body.id}/review`, {
        token: tokens.auditor,
        body: { decision: "accept", reason: "evidence checked" },
      });
    const marksApplied = (command: CommandName, input: any) =>
      command === "Update" &&
      isEntry(input.Key) &&
      Object.values(input.ExpressionAttributeValues ?? {}).includes("applied");
    const restoreReview = failOnce(marksApplied, throttled);
    expect((await review()).status).toBe(503);
    expect(restoreReview()).toBe(true);
    const entry = await call("GET", `/v1/contracts/${id}/entries/${retried.body.id}`, { token: supplier });
    expect(entry.body).toMatchObject({ status: "submitted", review: null });
    expect(await balanceOf(id)).toMatchObject({ totalsVerified: true, credited: eur(0), pending: eur(750) });
    expect((await review()).status).toBe(200);
    const after = await balanceOf(id);
    expect(after).toMatchObject({ totalsVerified: true, credited: eur(750), pending: eur(0) });
    expect(after.byBlock).toEqual([expect.objectContaining({ blockId: "work-experience", persons: 1 })]);
  });

  it("a marker left by a crash is repaired on the next balance read once it is older than 60 s", async () => {
    const id = await newContract(tokens.officer, "ZW-SAFE-4");
    const request = { token: supplier, body: entryBody("C1"), idempotencyKey: newKey() };
    const restore = failOnce(totalsWrite("submittedCount"), crashed);
    expect((await call("POST", `/v1/contracts/${id}/entries`, request)).status).toBe(500);
    expect(restore()).toBe(true);
    expect(await balanceOf(id)).toMatchObject({ totalsVerified: false, pending: eur(0) });

    clock.advance(59_000);
    expect((await balanceOf(id)).totalsVerified).toBe(false); // the operation may still be running
    clock.advance(2_000);
    const repaired = await balanceOf(id);
    expect(repaired).toMatchObject({ totalsVerified: true, pending: eur(750), entries: { submitted: 1 } });
    expect(repaired.byBlock).toEqual([
      expect.objectContaining({ blockId: "work-experience", pending: eur(750) }),
    ]);
    const audit = await call("GET", `/v1/audit?entity=contract:${id}`, { token: tokens.admin });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain("contract.totals-repaired");

    // The retry of the crashed request gets its entry back and counts nothing twice.
    const retried = await call("POST", `/v1/contracts/${id}/entries`, request);
    expect(retried.status).toBe(201);
    expect(retried.body.totals).toBe("applied");
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body).toMatchObject({ consistent: true, inFlight: 0, entries: 1 });
  });

  it("a crashed review is repaired by the next entry write, and by the settlement itself", async () => {
    const id = await newContract(tokens.officer, "ZW-SAFE-5", {
      startDate: "2024-01-01",
      endDate: "2025-06-30",
    });
    const submit = (ref: string) =>
      call("POST", `/v1/contracts/${id}/entries`, {
        token: supplier,
        body: entryBody(ref),
        idempotencyKey: newKey(),
      });
    const accept = (entryId: string) =>
      call("POST", `/v1/contracts/${id}/entries/${entryId}/review`, {
        token: tokens.auditor,
        body: { decision: "accept", reason: "evidence checked" },
      });
    const settle = () =>
      call("POST", `/v1/contracts/${id}/settlement`, {
        token: tokens.officer,
        body: { outcome: "withheld", reason: "withheld from the last payment", version: 1 },
      });
    const a = await submit("S1");
    const b = await submit("S2");

    let restore = failOnce(totalsWrite("creditedCents"), crashed);
    expect((await accept(a.body.id)).status).toBe(500);
    expect(restore()).toBe(true);
    clock.advance(61_000);
    expect((await submit("S3")).status).toBe(201); // repairs first, then writes its own entry
    expect(await balanceOf(id)).toMatchObject({
      totalsVerified: true,
      credited: eur(750),
      pending: eur(1500),
      entries: { submitted: 2, accepted: 1 },
    });

    restore = failOnce(totalsWrite("creditedCents"), crashed);
    expect((await accept(b.body.id)).status).toBe(500);
    expect(restore()).toBe(true);
    const refused = await settle();
    expect(refused.status).toBe(422); // an unfinished review may still change the credited total
    expect(refused.body.code).toBe("totals-unverified");
    clock.advance(61_000);
    const settled = await settle();
    expect(settled.status).toBe(200);
    // Obligation 100000 (5 % of 2 000 000) minus the two accepted entries.
    expect(settled.body.settlement).toMatchObject({ outcome: "withheld", shortfall: eur(98500) });
  });

  it("a supplier's submission in flight does not hold up the settlement", async () => {
    const id = await newContract(tokens.officer, "ZW-SAFE-6", {
      startDate: "2024-01-01",
      endDate: "2025-06-30",
    });
    // A submission stuck between its marker and its totals (crashed a moment ago).
    const restore = failOnce(totalsWrite("submittedCount"), crashed);
    const stuck = await call("POST", `/v1/contracts/${id}/entries`, {
      token: supplier,
      body: entryBody("F1"),
      idempotencyKey: newKey(),
    });
    expect(stuck.status).toBe(500);
    expect(restore()).toBe(true);
    expect((await balanceOf(id)).totalsVerified).toBe(false);
    const settled = await call("POST", `/v1/contracts/${id}/settlement`, {
      token: tokens.officer,
      body: { outcome: "waived", reason: "supplier not at fault", version: 1 },
    });
    expect(settled.status).toBe(200);
    expect(settled.body.settlement).toMatchObject({ outcome: "waived", shortfall: eur(100000) });
  });

  it("a CSV upload whose totals write fails is undone entirely and completed by its retry", async () => {
    const id = await newContract(tokens.officer, "ZW-SAFE-7");
    const csv = [
      "blockId;candidateRef;startDate;endDate;period",
      "work-experience;V1;2025-01-01;2025-01-31;2025-01",
      "work-experience;V2;2025-02-01;2025-02-28;2025-02",
      "work-experience;V3;2025-03-01;2025-03-31;2025-03",
    ].join("\n");
    const upload = () =>
      call("POST", `/v1/contracts/${id}/entries/import`, {
        token: supplier,
        rawBody: csv,
        headers: { "content-type": "text/csv" },
        idempotencyKey: "upload-safe-7",
      });
    // The upload's one TOTALS write with its rows' deltas fails, known not to have applied.
    const restore = failOnce(totalsWrite("submittedCount"), throttled);
    expect((await upload()).status).toBe(503);
    expect(restore()).toBe(true);
    expect(await balanceOf(id)).toMatchObject({
      totalsVerified: true,
      pending: eur(0),
      entries: { submitted: 0 },
    });
    const retried = await upload();
    expect(retried.status).toBe(200);
    expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual([
      "created",
      "created",
      "created",
    ]);
    expect(await balanceOf(id)).toMatchObject({
      totalsVerified: true,
      pending: eur(2250),
      entries: { submitted: 3 },
    });
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body).toMatchObject({ consistent: true, inFlight: 0, entries: 3 });
  });
});
