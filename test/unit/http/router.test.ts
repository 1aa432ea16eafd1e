import { describe, expect, it } from "vitest";
import { lambdaContext } from "../../../lib/local/context.js";
import { toApiGatewayEvent } from "../../../lib/local/event.js";
import { areaRouter, type RouteModule } from "../../../lib/http/router.js";

const health = () => import("../../../functions/platform/get-health.js");
const me = () => import("../../../functions/platform/get-me.js");
const audit = () => import("../../../functions/platform/list-audit.js");
/** The area's other routes, which these tests do not request. */
const others = {
  "GET /v1/openapi.json": () => import("../../../functions/platform/get-openapi.js"),
  "GET /v1/docs": () => import("../../../functions/platform/get-api-reference.js"),
  "GET /v1/docs/redoc.standalone.js": () => import("../../../functions/platform/get-redoc-script.js"),
  "GET /v1/docs/redoc.standalone.js.LICENSE.txt": () =>
    import("../../../functions/platform/get-redoc-notices.js"),
} as const;

/** A route module loader that counts its calls. */
function counted(load: RouteModule) {
  const counter = {
    calls: 0,
    load: () => {
      counter.calls++;
      return load();
    },
  };
  return counter;
}

const get = (url: string) => toApiGatewayEvent({ method: "GET", url, headers: {} });

describe("area router", () => {
  it("refuses route keys that differ from the route list's routes of its area", () => {
    expect(() => areaRouter("platform", { "GET /v1/health": health, "GET /v1/me": me })).toThrow(
      /do not match the route list/,
    );
    expect(() =>
      areaRouter("platform", {
        "GET /v1/health": health,
        "GET /v1/me": me,
        "GET /v1/audit": audit,
        ...others,
        "GET /v1/regions": audit,
      }),
    ).toThrow(/do not match the route list/);
  });

  it("imports a route's module on the route's first request, once, also for concurrent requests", async () => {
    const [h, m, a] = [counted(health), counted(me), counted(audit)];
    const router = areaRouter("platform", {
      "GET /v1/health": h.load,
      "GET /v1/me": m.load,
      "GET /v1/audit": a.load,
      ...others,
    });
    expect([h.calls, m.calls, a.calls]).toEqual([0, 0, 0]);
    const results = await Promise.all(
      [1, 2, 3].map((i) => router(get("/v1/health"), lambdaContext(`router-${i}`))),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect([h.calls, m.calls, a.calls]).toEqual([1, 0, 0]);
    // Unknown paths are the fallback's ($default): no route module is loaded for them.
    const unknown = await router(get("/v1/nothing-here"), lambdaContext("router-404"));
    expect(unknown.statusCode).toBe(404);
    expect([h.calls, m.calls, a.calls]).toEqual([1, 0, 0]);
    expect((await router.loadEndpoints()).map((e) => e.spec.key).sort()).toEqual(
      ["GET /v1/audit", "GET /v1/health", "GET /v1/me", ...Object.keys(others)].sort(),
    );
    expect([h.calls, m.calls, a.calls]).toEqual([1, 1, 1]);
  });

  it("fails a request whose listed module serves another route, rather than answering for it", async () => {
    const router = areaRouter("platform", {
      "GET /v1/health": me,
      "GET /v1/me": health,
      "GET /v1/audit": audit,
      ...others,
    });
    await expect(router(get("/v1/health"), lambdaContext("router-swapped"))).rejects.toThrow(
      "The module listed for GET /v1/health serves GET /v1/me",
    );
  });
});
