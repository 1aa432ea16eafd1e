import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { policyKey } from "../../../lib/entities/policy.js";
import { db } from "../../../lib/store/client.js";
import { getItem } from "../../../lib/store/ops.js";
import { tableName } from "../../../lib/store/table.js";
import { call, DEMO, seedDemo, useClock } from "../../support/api.js";
import { useFreshCaches } from "../../support/cache-clock.js";
import { policyBody } from "../sroi/support.js";

/** A policy's atRiskBehindPercent: published with the version, 20 for versions stored without it. */
useClock(new Date("2026-07-01T12:00:00Z"));
useFreshCaches();
const tokens = await seedDemo();
const url = `/v1/sroi/policies/${DEMO.region}`;

describe("policy field atRiskBehindPercent", () => {
  it("a version stored before the field existed reads as 20", async () => {
    const stored = (await getItem(policyKey(DEMO.region, 1)))!;
    const { atRiskBehindPercent: _, ...old } = stored;
    await db.send(new PutCommand({ TableName: tableName(), Item: old }));
    expect(await getItem(policyKey(DEMO.region, 1))).not.toHaveProperty("atRiskBehindPercent");
    const res = await call("GET", url, { token: tokens.auditor });
    expect(res.status).toBe(200);
    expect(res.body.versions[0]).toMatchObject({ version: 1, atRiskBehindPercent: 20 });
  });

  it("a published version keeps its value; without one it gets 20; outside 0..100 it is refused", async () => {
    const publish = (effectiveFrom: string, extra: Record<string, unknown>) =>
      call("POST", url, {
        token: tokens.auditor,
        body: { ...policyBody("oost-nederland"), effectiveFrom, ...extra },
      });
    const set = await publish("2027-01-01", { atRiskBehindPercent: 35 });
    expect(set.status).toBe(201);
    expect(set.body.atRiskBehindPercent).toBe(35);
    const unset = await publish("2028-01-01", {});
    expect(unset.body.atRiskBehindPercent).toBe(20);
    const versions = (await call("GET", url, { token: tokens.auditor })).body.versions;
    expect(versions.map((v: { atRiskBehindPercent: number }) => v.atRiskBehindPercent).slice(-2)).toEqual([
      35, 20,
    ]);
    for (const wrong of [101, -1, 12.5]) {
      const refused = await publish("2029-01-01", { atRiskBehindPercent: wrong });
      expect(refused.status, String(wrong)).toBe(400);
      expect(refused.body.errors[0].path).toBe("body.atRiskBehindPercent");
    }
  });
});
