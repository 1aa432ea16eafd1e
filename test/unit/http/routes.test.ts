import { describe, expect, it } from "vitest";
import { areaHandlers } from "../../../functions/local.js";
import { AREAS, matchRoute, routeKey, routes } from "../../../lib/http/routes.js";

describe("route list", () => {
  it("has unique route keys under /v1", () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of routes) expect(route.path).toMatch(/^\/v1\//);
  });

  it("gives every area a loadable router that serves exactly the area's routes", async () => {
    expect(Object.keys(areaHandlers).sort()).toEqual([...AREAS].sort());
    // areaRouter throws at import when its handlers and the route list disagree.
    for (const area of AREAS) expect(typeof (await areaHandlers[area]())).toBe("function");
  });

  it("matches parameters, decodes them and lists allowed methods", () => {
    const { match, allowed } = matchRoute("GET", "/v1/organisations/gm%2Dzwolle");
    expect(match?.pathParameters).toEqual({ organisationId: "gm-zwolle" });
    expect(allowed.sort()).toEqual(["GET", "PATCH"]);
    expect(matchRoute("GET", "/v1/organisations/a/b").match).toBeUndefined();
    expect(matchRoute("PUT", "/v1/regions")).toEqual({ match: undefined, allowed: ["POST", "GET"] });
  });
});
