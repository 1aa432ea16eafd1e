import { describe, expect, it } from "vitest";
import { isRegion } from "../../../lib/entities/region.js";
import { db } from "../../../lib/store/client.js";
import { call, clock, newKey, seedDemo } from "../../support/api.js";

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

  it("a key in progress is 409 with Retry-After; an expired claim is taken over by one retry, same opId and clock", async () => {
    // The first request stops at its region write until released: it stays in progress.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached!: () => void;
    const stopped = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let regionWrites = 0;
    db.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Item?: { pk: string; sk: string; name?: string } };
        if (isRegion(input.Item) && input.Item?.name === "Regio Traag") {
          regionWrites++;
          if (regionWrites === 1) {
            reached();
            await gate;
          }
        }
        return next(args);
      },
      { step: "initialize", name: "holdFirstRegionWrite" },
    );
    const request = { token: tokens.admin, body: { name: "Regio Traag" }, idempotencyKey: newKey() };
    const startedAt = clock.now();
    clock.set(startedAt);
    try {
      const first = call("POST", "/v1/regions", request);
      await stopped;
      const busy = await call("POST", "/v1/regions", request);
      expect(busy.status).toBe(409);
      expect(busy.headers["content-type"]).toBe("application/problem+json");
      expect(busy.body.code).toBe("request-in-progress");
      expect(Number(busy.headers["retry-after"])).toBeGreaterThan(0);

      clock.advance(31_000); // past the in-progress expiry: the first request is presumed dead
      const racers = await Promise.all([1, 2, 3, 4].map(() => call("POST", "/v1/regions", request)));
      const ran = racers.filter((r) => r.status === 201 && !r.headers["idempotent-replayed"]);
      expect(ran).toHaveLength(1);
      expect(regionWrites).toBe(2); // the first request and the one retry that took over
      for (const r of racers.filter((x) => x !== ran[0])) {
        expect([409, 201]).toContain(r.status);
        if (r.status === 409) expect(r.body.code).toBe("request-in-progress");
        else expect(r.text).toBe(ran[0]!.text);
      }
      // The takeover resumed the same operation: same id (from the opId) and the first attempt's clock.
      expect(ran[0]!.body.createdAt).toBe(startedAt.toISOString());

      release();
      const late = await first;
      expect(late.status).toBe(201);
      expect(late.body).toEqual(ran[0]!.body);
      const regions = await call("GET", "/v1/regions?limit=500", { token: tokens.admin });
      expect(regions.body.items.filter((r: { name: string }) => r.name === "Regio Traag")).toHaveLength(1);
      const audit = await call("GET", `/v1/audit?entity=region:${ran[0]!.body.id}`, { token: tokens.admin });
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0].at).toBe(startedAt.toISOString());
    } finally {
      release();
      db.middlewareStack.remove("holdFirstRegionWrite");
      clock.reset();
    }
  });
});
