import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { entryKey } from "../../../lib/entities/entry.js";
import { monthTotalsEntity, monthTotalsKey } from "../../../lib/entities/month-totals.js";
import { operation } from "../../../lib/operation.js";
import { computeFigures } from "../../../lib/domain/reports/figures.js";
import { gatherReportInput } from "../../../lib/reports/input.js";
import { db } from "../../../lib/store/client.js";
import { getItem } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract, utrechtOfficer } from "./support.js";

/** An entry's targetGroupEvidence: stored and returned, its absence flagged in the review queue and the reports. */
const NOW = new Date("2026-07-01T12:00:00Z");
useClock(NOW);
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

const submit = (contractId: string, body: Record<string, unknown>) =>
  call("POST", `/v1/contracts/${contractId}/entries`, { token: supplier, body, idempotencyKey: newKey() });
const placement = (candidateRef: string, extra: Record<string, unknown> = {}) => ({
  blockId: "work-experience",
  candidateRef,
  startDate: "2026-03-01",
  endDate: "2026-03-31",
  period: "2026-03",
  ...extra,
});
const evidence = { kind: "doelgroepverklaring", date: "2026-02-20" };
const queue = async (contractId: string) =>
  (await call("GET", "/v1/entries?status=submitted&limit=500", { token: tokens.auditor })).body.items.filter(
    (i: { contractId: string }) => i.contractId === contractId,
  );

describe("target-group evidence on an entry", () => {
  it("is stored and returned; entries without it are flagged in the queue, counted in the month row and the report", async () => {
    const id = await newContract(tokens.officer, "TG-1");
    const withIt = await submit(id, placement("TG-A", { targetGroupEvidence: evidence }));
    expect(withIt.status).toBe(201);
    expect(withIt.body.targetGroupEvidence).toEqual(evidence);
    const read = await call("GET", `/v1/contracts/${id}/entries/${withIt.body.id}`, {
      token: tokens.auditor,
    });
    expect(read.body.targetGroupEvidence).toEqual(evidence);

    const without = await submit(id, placement("TG-B"));
    expect(without.status).toBe(201);
    expect(without.body.targetGroupEvidence).toBeNull();

    const queued = await queue(id);
    const flag = (entryId: string) =>
      queued.find((i: { id: string }) => i.id === entryId)?.missingTargetGroupEvidence;
    expect(flag(withIt.body.id)).toBe(false);
    expect(flag(without.body.id)).toBe(true);

    const row = monthTotalsEntity.read((await getItem(monthTotalsKey(id, "2026-03", "work-experience")))!);
    expect(row).toMatchObject({ entries: 2, withoutTargetGroupEvidence: 1 });

    // The totals recomputed from the entries agree with the counters the submissions kept.
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body).toMatchObject({ consistent: true, differences: [] });

    const auditor = { sub: "t", role: "auditor" as const, orgId: DEMO.regionBody, regionId: DEMO.region };
    const input = await gatherReportInput(operation(auditor, NOW), {
      regionId: DEMO.region,
      scope: "contract",
      scopeId: id,
      period: { from: "2026-01", to: "2026-06" },
    });
    const flags = computeFigures(input).dataQuality;
    expect(flags).toContainEqual({ contractId: id, kind: "missing-target-group-evidence", count: 1 });
  });

  it("an entry stored before the field existed reads without it, is flagged in the queue, and keeps its totals consistent", async () => {
    const id = await newContract(tokens.officer, "TG-OLD");
    const res = await submit(id, placement("TG-C", { targetGroupEvidence: evidence }));
    const item = (await getItem(entryKey(id, res.body.id)))!;
    const { targetGroupEvidence: _, ...old } = item;
    await db.send(new PutCommand({ TableName: tableName(), Item: old }));
    const read = await call("GET", `/v1/contracts/${id}/entries/${res.body.id}`, { token: tokens.auditor });
    expect(read.status).toBe(200);
    expect(read.body.targetGroupEvidence).toBeNull();
    const queued = await queue(id);
    expect(queued[0].missingTargetGroupEvidence).toBe(true);
    const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
      token: tokens.admin,
    });
    expect(check.body).toMatchObject({ consistent: true });
  });

  it("refuses evidence dated after today (422), an unknown kind (400), and evidence on a line that is not labour (400)", async () => {
    const id = await newContract(tokens.officer, "TG-REFUSE");
    const future = await submit(
      id,
      placement("TG-D", { targetGroupEvidence: { kind: "indicatie", date: "2026-07-02" } }),
    );
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ code: "target-group-evidence-in-future" });
    expect(future.body.errors[0].path).toBe("body.targetGroupEvidence.date");
    const today = await submit(
      id,
      placement("TG-D", { targetGroupEvidence: { kind: "uitkeringsbewijs", date: "2026-07-01" } }),
    );
    expect(today.status).toBe(201);

    const unknown = await submit(
      id,
      placement("TG-E", { targetGroupEvidence: { kind: "brief", date: "2026-01-01" } }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe("body.targetGroupEvidence.kind");

    // Hours of social activity (Utrecht's catalogue) describe no person of a target group.
    const utrecht = await newContract(await utrechtOfficer(tokens.admin), "TG-HOURS");
    const hours = await submit(utrecht, {
      blockId: "social-activity",
      hours: 10,
      startDate: "2026-03-01",
      endDate: "2026-03-31",
      period: "2026-03",
      targetGroupEvidence: evidence,
    });
    expect(hours.status).toBe(400);
    expect(hours.body.errors.map((e: { path: string }) => e.path)).toContain("body.targetGroupEvidence");
  });

  it("a CSV upload takes it in two columns and names them when a cell is wrong", async () => {
    const id = await newContract(tokens.officer, "TG-CSV");
    const upload = (body: string) =>
      call("POST", `/v1/contracts/${id}/entries/import`, {
        token: supplier,
        rawBody: body,
        headers: { "content-type": "text/csv" },
        idempotencyKey: newKey(),
      });
    const header =
      "blockId;candidateRef;startDate;endDate;period;targetGroupEvidenceKind;targetGroupEvidenceDate";
    const wrong = await upload(
      `${header}\nwork-experience;CSV-1;2026-03-01;2026-03-31;2026-03;brief;2026-01-05\n`,
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].path).toBe("rows.2.targetGroupEvidenceKind");
    const ok = await upload(
      `${header}\nwork-experience;CSV-1;2026-03-01;2026-03-31;2026-03;indicatie;2026-01-05\nwork-experience;CSV-2;2026-03-01;2026-03-31;2026-03;;\n`,
    );
    expect(ok.status).toBe(200);
    const entries = (await call("GET", `/v1/contracts/${id}/entries`, { token: supplier })).body.items;
    const byRef = Object.fromEntries(
      entries.map((e: { candidateRef: string; targetGroupEvidence: unknown }) => [
        e.candidateRef,
        e.targetGroupEvidence,
      ]),
    );
    expect(byRef).toEqual({ "CSV-1": { kind: "indicatie", date: "2026-01-05" }, "CSV-2": null });
  });
});
