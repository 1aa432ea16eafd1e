import { InternalServerError, ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { backfillPeriodRows } from "../../../lib/backfill/period-rows.js";
import { monthTotalsEntity, monthTotalsKey, monthTotalsQueries } from "../../../lib/entities/month-totals.js";
import { personQueries } from "../../../lib/entities/person.js";
import { totalsKey } from "../../../lib/entities/totals.js";
import { operation } from "../../../lib/operation.js";
import { addCounters } from "../../../lib/store/counters.js";
import { deleteIf, type Item, removeFieldsIf } from "../../../lib/store/ops.js";
import { queryAll } from "../../../lib/store/paging.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { type CommandName, useFaults } from "../../support/faults.js";
import { newContract } from "../sroi/support.js";

/**
 * The month rows of the running totals (lib/entities/month-totals.ts, per contract, month and block): kept by every
 * submission, review, reversal and upload, compared and repaired from the entries, and built for old
 * contracts by the period-rows backfill.
 */
useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

const faults = useFaults();

type Row = Record<string, unknown>;

/** The contract's month rows, by `<month> <blockId>`, with their non-zero counters and catalogue counters. */
async function monthRows(contractId: string): Promise<Record<string, Row>> {
  const rows = monthTotalsEntity.readAll(await queryAll(monthTotalsQueries.ofContract(contractId)));
  return Object.fromEntries(
    rows.map((row) => [
      `${row.month} ${row.blockId}`,
      Object.fromEntries(
        Object.entries(row).filter(
          ([k, v]) => typeof v === "number" && v !== 0 && !k.startsWith("upload#") && k !== "pk",
        ),
      ),
    ]),
  );
}

const cents = (res: { body: { value: { amount: number } } }) => Math.round(res.body.value.amount * 100);

const submit = async (contractId: string, body: Record<string, unknown>) => {
  const res = await call("POST", `/v1/contracts/${contractId}/entries`, {
    token: supplier,
    body: { blockId: "work-experience", ...body },
    idempotencyKey: newKey(),
  });
  expect(res.status).toBe(201);
  return res;
};

const review = async (contractId: string, entryId: string, decision: "accept" | "reject") => {
  const res = await call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
    token: tokens.auditor,
    body: { decision, reason: "checked" },
  });
  expect(res.status).toBe(200);
  return res;
};

const compare = async (contractId: string) =>
  (await call("POST", `/v1/contracts/${contractId}/totals/recompute?repair=false`, { token: tokens.admin }))
    .body;

const CATALOGUE = "catalogue#oost-nederland@V05-2023-04";

describe("month rows of the running totals", () => {
  it("count each entry in the month its label ends, through submission, acceptance, rejection and reversal", async () => {
    const id = await newContract(tokens.officer, "RP-LIFE");
    const a = await submit(id, {
      candidateRef: "L1",
      startDate: "2025-01-01",
      endDate: "2025-03-31",
      period: "2025-Q1",
      evidence: ["contract L1"],
      targetGroupEvidence: { kind: "doelgroepverklaring", date: "2024-12-15" },
    });
    const b = await submit(id, {
      candidateRef: "L2",
      startDate: "2025-04-01",
      endDate: "2025-04-30",
      period: "2025-04",
    });
    const c = await submit(id, {
      candidateRef: "L3",
      startDate: "2025-05-01",
      endDate: "2025-06-30",
      period: "2025-H1",
    });
    expect(a.body.catalogue).toEqual({ id: "oost-nederland", version: "V05-2023-04" });
    expect(await monthRows(id)).toEqual({
      "2025-03 work-experience": { entries: 1, pendingCount: 1, pendingCents: cents(a), [CATALOGUE]: 1 },
      "2025-04 work-experience": {
        entries: 1,
        pendingCount: 1,
        pendingCents: cents(b),
        withoutEvidence: 1,
        withoutTargetGroupEvidence: 1,
        [CATALOGUE]: 1,
      },
      "2025-06 work-experience": {
        entries: 1,
        pendingCount: 1,
        pendingCents: cents(c),
        withoutEvidence: 1,
        withoutTargetGroupEvidence: 1,
        [CATALOGUE]: 1,
      },
    });

    await review(id, a.body.id, "accept");
    await review(id, b.body.id, "reject");
    const rows = await monthRows(id);
    expect(rows["2025-03 work-experience"]).toMatchObject({
      entries: 1,
      acceptedCount: 1,
      creditedCents: cents(a),
      persons: 1,
    });
    expect(rows["2025-03 work-experience"]).not.toHaveProperty("pendingCents");
    expect(rows["2025-03 work-experience"]!.reportedTicks).toBeGreaterThan(0);
    expect(rows["2025-04 work-experience"]).toEqual({
      entries: 1,
      rejectedCount: 1,
      rejectedCents: cents(b),
      withoutEvidence: 1,
      withoutTargetGroupEvidence: 1,
      [CATALOGUE]: 1,
    });

    // A reversal counts in the month of the entry it reverses, and takes its person away once accepted.
    const rev = await call("POST", `/v1/contracts/${id}/entries/${a.body.id}/reversal`, {
      token: supplier,
      body: { reason: "wrong candidate" },
      idempotencyKey: newKey(),
    });
    expect(rev.status).toBe(201);
    expect((await monthRows(id))["2025-03 work-experience"]).toMatchObject({
      entries: 2,
      acceptedCount: 1,
      pendingCount: 1,
      pendingCents: -cents(a),
      persons: 1,
    });
    await review(id, rev.body.id, "accept");
    expect((await monthRows(id))["2025-03 work-experience"]).toEqual({
      entries: 2,
      acceptedCount: 2,
      [CATALOGUE]: 2,
    });
    expect(await compare(id)).toMatchObject({ consistent: true, differences: [] });
  });

  it("count a person from the earliest month of its accepted entries, whatever the order of acceptance", async () => {
    const id = await newContract(tokens.officer, "RP-PERSON");
    const june = await submit(id, {
      candidateRef: "P1",
      startDate: "2025-06-01",
      endDate: "2025-06-30",
      period: "2025-06",
    });
    const feb = await submit(id, {
      candidateRef: "P1",
      startDate: "2025-02-01",
      endDate: "2025-02-28",
      period: "2025-02",
    });
    await review(id, june.body.id, "accept");
    expect((await monthRows(id))["2025-06 work-experience"]).toMatchObject({ persons: 1 });
    await review(id, feb.body.id, "accept");
    const rows = await monthRows(id);
    expect(rows["2025-02 work-experience"]).toMatchObject({ persons: 1 });
    expect(rows["2025-06 work-experience"]).not.toHaveProperty("persons");
    expect(await compare(id)).toMatchObject({ consistent: true, differences: [] });
  });

  it("an upload adds its rows' sums to each month row once, also when retried", async () => {
    const id = await newContract(tokens.officer, "RP-UPLOAD");
    const key = newKey();
    const body =
      "blockId;candidateRef;startDate;endDate;period\n" +
      "work-experience;U1;2025-01-01;2025-01-31;2025-01\n" +
      "work-experience;U2;2025-01-01;2025-01-31;2025-01\n" +
      "work-experience;U3;2025-02-01;2025-02-28;2025-Q1\n" +
      "bbl-1-2;U4;2025-01-01;2025-06-30;2025-H1\n";
    const upload = () =>
      call("POST", `/v1/contracts/${id}/entries/import`, {
        token: supplier,
        rawBody: body,
        headers: { "content-type": "text/csv" },
        idempotencyKey: key,
      });
    const res = await upload();
    expect(res.status).toBe(200);
    const value = (i: number) => Math.round(res.body.results[i].value.amount * 100);
    const expected = {
      "2025-01 work-experience": {
        entries: 2,
        pendingCount: 2,
        pendingCents: value(0) + value(1),
        withoutEvidence: 2,
        withoutTargetGroupEvidence: 2,
        [CATALOGUE]: 2,
      },
      "2025-03 work-experience": {
        entries: 1,
        pendingCount: 1,
        pendingCents: value(2),
        withoutEvidence: 1,
        withoutTargetGroupEvidence: 1,
        [CATALOGUE]: 1,
      },
      "2025-06 bbl-1-2": {
        entries: 1,
        pendingCount: 1,
        pendingCents: value(3),
        withoutEvidence: 1,
        withoutTargetGroupEvidence: 1,
        [CATALOGUE]: 1,
      },
    };
    expect(await monthRows(id)).toEqual(expected);
    expect((await upload()).status).toBe(200);
    expect(await monthRows(id)).toEqual(expected);
    // No marker of the upload is left on them.
    const raw = await queryAll<Item>(monthTotalsQueries.ofContract(id));
    expect(raw.flatMap((r) => Object.keys(r).filter((k) => k.startsWith("upload#")))).toEqual([]);
    expect(await compare(id)).toMatchObject({ consistent: true, differences: [] });
  });

  it("an upload whose month-row write fails is undone, month rows included, and completed by its retry", async () => {
    const id = await newContract(tokens.officer, "RP-UNDO");
    const key = newKey();
    const body =
      "blockId;candidateRef;startDate;endDate;period\n" +
      "work-experience;V1;2025-01-01;2025-01-31;2025-01\n" +
      "work-experience;V2;2025-03-01;2025-03-31;2025-03\n";
    let fired = false;
    faults.inject((name: CommandName, input: any) => {
      const second =
        name === "Update" && input.Key?.sk === monthTotalsKey(id, "2025-03", "work-experience").sk;
      if (fired || !second) return undefined;
      fired = true;
      return new ProvisionedThroughputExceededException({ message: "Rate exceeded", $metadata: {} });
    });
    const upload = () =>
      call("POST", `/v1/contracts/${id}/entries/import`, {
        token: supplier,
        rawBody: body,
        headers: { "content-type": "text/csv" },
        idempotencyKey: key,
      });
    expect((await upload()).status).toBe(503);
    faults.restore();
    expect(fired).toBe(true);
    // The January row went back to zero; the March row was never written.
    expect(await monthRows(id)).toEqual({ "2025-01 work-experience": {} });
    expect((await upload()).status).toBe(200);
    expect(Object.values(await monthRows(id)).map((r) => r.entries)).toEqual([1, 1]);
    expect(await compare(id)).toMatchObject({ consistent: true, differences: [] });
  });

  it("a review that crashes at its month row is repaired from the entries once its marker is stale", async () => {
    const id = await newContract(tokens.officer, "RP-CRASH");
    const e = await submit(id, {
      candidateRef: "K1",
      startDate: "2025-01-01",
      endDate: "2025-01-31",
      period: "2025-01",
    });
    // Every write from the month row on fails as a server fault: the outcome is unknown, the marker stays.
    let crashed = false;
    faults.inject((name: CommandName, input: any) => {
      if (name === "Update" && input.Key && monthTotalsEntity.owns(input.Key)) crashed = true;
      return crashed && !["Get", "Query", "BatchGet"].includes(name)
        ? new InternalServerError({ message: "simulated crash", $metadata: {} })
        : undefined;
    });
    const res = await call("POST", `/v1/contracts/${id}/entries/${e.body.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "checked" },
    });
    expect(res.status).toBe(500);
    faults.restore();
    expect((await monthRows(id))["2025-01 work-experience"]).toMatchObject({ pendingCount: 1 });
    expect((await compare(id)).consistent).toBe(false);

    clock.advance(61_000);
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
    expect(balance.body.totalsVerified).toBe(true);
    expect((await monthRows(id))["2025-01 work-experience"]).toMatchObject({
      entries: 1,
      acceptedCount: 1,
      creditedCents: cents(e),
      persons: 1,
    });
    expect(await compare(id)).toMatchObject({ consistent: true, differences: [] });
  });

  it("the recompute names a damaged month row and the repair brings it back", async () => {
    const id = await newContract(tokens.officer, "RP-DAMAGE");
    const e = await submit(id, {
      candidateRef: "D1",
      startDate: "2025-01-01",
      endDate: "2025-01-31",
      period: "2025-01",
    });
    await addCounters(monthTotalsKey(id, "2025-01", "work-experience"), { pendingCents: 5 });
    expect((await compare(id)).differences).toEqual([
      {
        field: "months.2025-01.work-experience.pendingCents",
        stored: String(cents(e) + 5),
        computed: String(cents(e)),
      },
    ]);
    const repaired = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=true`, {
      token: tokens.admin,
    });
    expect(repaired.body).toMatchObject({ repaired: true });
    expect(await compare(id)).toMatchObject({ consistent: true, differences: [] });
  });

  it("the backfill builds the month rows of a contract written without them, and a second run changes nothing", async () => {
    const id = await newContract(tokens.officer, "RP-OLD");
    const a = await submit(id, {
      candidateRef: "O1",
      startDate: "2025-01-01",
      endDate: "2025-01-31",
      period: "2025-01",
    });
    await submit(id, {
      candidateRef: "O2",
      startDate: "2025-02-01",
      endDate: "2025-02-28",
      period: "2025-Q1",
    });
    await review(id, a.body.id, "accept");
    const built = await monthRows(id);
    expect(Object.keys(built)).toEqual(["2025-01 work-experience", "2025-03 work-experience"]);
    // As an older release left it: no month rows, no month fields on the person markers, no mark.
    for (const { pk, sk } of await queryAll<Item>(monthTotalsQueries.ofContract(id)))
      await deleteIf({ pk, sk });
    for (const marker of await queryAll<Item>(personQueries.ofContract(id)))
      await removeFieldsIf(
        { pk: marker.pk, sk: marker.sk },
        Object.keys(marker).filter((k) => k.startsWith("month#")),
      );
    await removeFieldsIf(totalsKey(id), ["periodRows"]);
    expect(await monthRows(id)).toEqual({});
    expect((await compare(id)).consistent).toBe(false);

    const op = operation(
      { sub: "system:backfill", role: "admin", orgId: DEMO.operator, regionId: null },
      clock.now(),
      newKey(),
      clock.now,
    );
    const first = await backfillPeriodRows(op);
    expect(first.changed).toBeGreaterThanOrEqual(1);
    expect(await monthRows(id)).toEqual(built);
    expect(await compare(id)).toMatchObject({ consistent: true, differences: [] });
    const second = await backfillPeriodRows(op);
    expect(second.changed).toBe(0);
    expect(await monthRows(id)).toEqual(built);

    // Its person markers place later acceptances right again: a February entry of O1 moves nothing.
    const later = await submit(id, {
      candidateRef: "O1",
      startDate: "2025-03-01",
      endDate: "2025-03-31",
      period: "2025-03",
    });
    await review(id, later.body.id, "accept");
    expect(await compare(id)).toMatchObject({ consistent: true, differences: [] });
  });
});
