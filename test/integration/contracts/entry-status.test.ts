import { InternalServerError, ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { entryKey, inReviewQueue } from "../../../lib/entities/entry.js";
import { isBlockTotals, isTotals } from "../../../lib/entities/totals.js";
import { getItem } from "../../../lib/store/ops.js";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { type CommandName, injectFaults } from "../../support/faults.js";
import { newContract } from "../sroi/support.js";

/**
 * A contract's entries by status (`GET …/entries?status=`) and the review queue follow every change of
 * an entry's status, because the write that changes the status changes the keys those lists query by.
 */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

let day = 1;
const submit = async (contractId: string, candidateRef: string) => {
  const date = `2025-03-${String(day++).padStart(2, "0")}`;
  const res = await call("POST", `/v1/contracts/${contractId}/entries`, {
    token: supplier,
    idempotencyKey: newKey(),
    body: { blockId: "work-experience", candidateRef, startDate: date, endDate: date, period: "2025-03" },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};
const review = (contractId: string, entryId: string, decision: "accept" | "reject") =>
  call("POST", `/v1/contracts/${contractId}/entries/${entryId}/review`, {
    token: tokens.auditor,
    body: { decision, reason: "evidence checked" },
  });
const listed = async (contractId: string, status: string) =>
  (
    await call("GET", `/v1/contracts/${contractId}/entries?status=${status}`, { token: tokens.officer })
  ).body.items.map((e: { id: string }) => e.id);
const queued = async () =>
  (await call("GET", "/v1/entries?status=submitted&limit=500", { token: tokens.auditor })).body.items.map(
    (e: { id: string }) => e.id,
  );
const stored = (contractId: string, entryId: string) => getItem(entryKey(contractId, entryId));

let faults: ReturnType<typeof injectFaults> | undefined;
afterEach(() => {
  faults?.restore();
  faults = undefined;
});
/** Fails the first call for which `when` holds with `error`; everything else reaches dynalite. */
function failOnce(when: (command: CommandName, input: any) => boolean, error: () => Error) {
  let fired = false;
  faults = injectFaults((name, input) => {
    if (fired || !when(name, input)) return undefined;
    fired = true;
    return error();
  });
}

describe("entries by status", () => {
  it("lists each entry under its status through submission, review, reversal and upload", async () => {
    const id = await newContract(tokens.officer, "ZW-ST-1");
    const [a, b, c] = [await submit(id, "S1"), await submit(id, "S2"), await submit(id, "S3")];
    expect(await listed(id, "submitted")).toEqual([a, b, c].sort());
    expect((await review(id, a, "accept")).status).toBe(200);
    expect((await review(id, b, "reject")).status).toBe(200);
    expect(await listed(id, "submitted")).toEqual([c]);
    expect(await listed(id, "accepted")).toEqual([a]);
    expect(await listed(id, "rejected")).toEqual([b]);
    const reversal = await call("POST", `/v1/contracts/${id}/entries/${a}/reversal`, {
      token: supplier,
      idempotencyKey: newKey(),
      body: { reason: "counted twice" },
    });
    expect(reversal.status, reversal.text).toBe(201);
    expect(await listed(id, "submitted")).toEqual([c, reversal.body.id].sort());
    const upload = await call("POST", `/v1/contracts/${id}/entries/import`, {
      token: supplier,
      idempotencyKey: newKey(),
      rawBody:
        "blockId;candidateRef;startDate;endDate;period\nwork-experience;S4;2025-04-01;2025-04-01;2025-04\n",
      headers: { "content-type": "text/csv" },
    });
    expect(upload.status, upload.text).toBe(200);
    const uploaded = upload.body.results[0].entryId as string;
    expect(await listed(id, "submitted")).toContain(uploaded);
    expect(await queued()).toEqual(expect.arrayContaining([c, reversal.body.id, uploaded]));
  });

  it("a review that dies after its status write leaves the entry under its new status, out of the queue", async () => {
    const id = await newContract(tokens.officer, "ZW-ST-2");
    const entry = await submit(id, "S5");
    expect(inReviewQueue((await stored(id, entry))!)).toBe(true);
    // The block row's write is the step after the status write: the function dies there.
    failOnce(
      (command, input) => command === "Update" && isBlockTotals(input.Key),
      () => new InternalServerError({ message: "simulated crash", $metadata: {} }),
    );
    expect((await review(id, entry, "accept")).status).toBe(500);
    faults?.restore();
    faults = undefined;
    expect((await stored(id, entry))?.status).toBe("accepted");
    expect(inReviewQueue((await stored(id, entry))!)).toBe(false);
    expect(await listed(id, "accepted")).toEqual([entry]);
    expect(await listed(id, "submitted")).toEqual([]);
    expect(await queued()).not.toContain(entry);
  });

  it("a review undone after a refused step puts the entry back under submitted and in the queue", async () => {
    const id = await newContract(tokens.officer, "ZW-ST-3");
    const entry = await submit(id, "S6");
    // The TOTALS write is throttled (it did not apply): the review undoes its steps and answers 503.
    failOnce(
      (command, input) =>
        command === "Update" &&
        isTotals(input.Key) &&
        Object.values(input.ExpressionAttributeNames ?? {}).includes("acceptedCount"),
      () => new ProvisionedThroughputExceededException({ message: "Rate exceeded", $metadata: {} }),
    );
    expect((await review(id, entry, "accept")).status).toBe(503);
    faults?.restore();
    faults = undefined;
    expect((await stored(id, entry))?.status).toBe("submitted");
    expect(await listed(id, "submitted")).toEqual([entry]);
    expect(await listed(id, "accepted")).toEqual([]);
    expect(await queued()).toContain(entry);
    // And the review goes through on the next try.
    expect((await review(id, entry, "accept")).status).toBe(200);
    expect(await listed(id, "accepted")).toEqual([entry]);
    expect(await queued()).not.toContain(entry);
  });
});
