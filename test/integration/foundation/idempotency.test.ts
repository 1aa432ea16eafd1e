import { describe, expect, it } from "vitest";
import { call, newKey, seedDemo } from "../../support/api.js";

const tokens = await seedDemo();

describe("Idempotency-Key on creating POSTs", () => {
  it("replays the stored response and creates once", async () => {
    const key = newKey();
    const body = { name: "Regio Replay" };
    const first = await call("POST", "/v1/regions", { token: tokens.admin, body, idempotencyKey: key });
    const second = await call("POST", "/v1/regions", { token: tokens.admin, body, idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    const audit = await call("GET", `/v1/audit?entity=region:${first.body.id}`, { token: tokens.admin });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      action: "region.created",
      actor: { sub: "demo-admin", role: "admin" },
    });
  });

  it("refuses the same key with another body (422)", async () => {
    const key = newKey();
    await call("POST", "/v1/regions", {
      token: tokens.admin,
      body: { name: "Regio Een" },
      idempotencyKey: key,
    });
    const misuse = await call("POST", "/v1/regions", {
      token: tokens.admin,
      body: { name: "Regio Twee" },
      idempotencyKey: key,
    });
    expect(misuse.status).toBe(422);
    expect(misuse.body.code).toBe("idempotency-key-reused");
  });

  it("scopes keys to the caller: another admin's identical key is a new request", async () => {
    const key = newKey();
    const mine = await call("POST", "/v1/regions", {
      token: tokens.admin,
      body: { name: "Regio Mijn" },
      idempotencyKey: key,
    });
    const { tokenFor } = await import("../../support/api.js");
    const otherAdmin = await tokenFor("admin", "op-platform", "second-admin");
    const theirs = await call("POST", "/v1/regions", {
      token: otherAdmin,
      body: { name: "Regio Mijn" },
      idempotencyKey: key,
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it("without a key, creating an existing id is a 409", async () => {
    const body = { id: "regio-dubbel", name: "Regio Dubbel" };
    expect((await call("POST", "/v1/regions", { token: tokens.admin, body })).status).toBe(201);
    const again = await call("POST", "/v1/regions", { token: tokens.admin, body });
    expect(again.status).toBe(409);
  });
});
