import { ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { isAuditEvent } from "../../../lib/entities/audit-event.js";
import { isRegion } from "../../../lib/entities/region.js";
import { call, newKey, seedDemo } from "../../support/api.js";
import { type CommandName, injectFaults } from "../../support/faults.js";

const tokens = await seedDemo();

/** Throttles the first command for which `failsOnce` holds; everything else reaches dynalite. */
function throttleWhen(failsOnce: (command: CommandName, input: any) => boolean) {
  let failed = false;
  return injectFaults((name, input) => {
    if (failed || !failsOnce(name, input)) return undefined;
    failed = true;
    return new ProvisionedThroughputExceededException({ message: "Rate exceeded", $metadata: {} });
  });
}

let mock: ReturnType<typeof injectFaults> | undefined;
afterEach(() => mock?.restore());

describe("DynamoDB throttling", () => {
  it("answers 503 with Retry-After; the retry completes with no duplicate and no missing audit event", async () => {
    mock = throttleWhen(
      (name, input) =>
        name === "Put" && isAuditEvent(input.Item) && String(input.Item.entity).startsWith("region:"),
    );
    const key = newKey();
    const request = { token: tokens.admin, body: { name: "Regio Drukte" }, idempotencyKey: key };

    const first = await call("POST", "/v1/regions", request);
    expect(first.status).toBe(503);
    expect(first.headers["retry-after"]).toBe("1");
    expect(first.headers["content-type"]).toBe("application/problem+json");

    const retry = await call("POST", "/v1/regions", request);
    expect(retry.status).toBe(201);
    mock.restore();

    const regions = await call("GET", "/v1/regions?limit=500", { token: tokens.admin });
    expect(regions.body.items.filter((r: { name: string }) => r.name === "Regio Drukte")).toHaveLength(1);
    const audit = await call("GET", `/v1/audit?entity=region:${retry.body.id}`, { token: tokens.admin });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].action).toBe("region.created");
  });

  it("a throttled write of the entity itself is completed by the retry too", async () => {
    mock = throttleWhen((name, input) => name === "Put" && isRegion(input.Item));
    const request = {
      token: tokens.admin,
      body: { id: "regio-traag", name: "Regio Traag" },
      idempotencyKey: newKey(),
    };
    expect((await call("POST", "/v1/regions", request)).status).toBe(503);
    const retry = await call("POST", "/v1/regions", request);
    mock.restore();
    expect(retry.status).toBe(201);
    const audit = await call("GET", "/v1/audit?entity=region:regio-traag", { token: tokens.admin });
    expect(audit.body.items).toHaveLength(1);
  });
});
