import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stageConfig } from "../../infra/config.js";
import { type RouteDef, routeKey, routes } from "../../lib/http/routes.js";
import { logicalId, resourcesOf, type Synthesized, synthesize } from "./support.js";

/**
 * The open-data (OCDS) routes are public and throttled on their own: route settings on the stage, within
 * the stage's own limits, so anonymous harvesting cannot use up the budget of the signed-in routes.
 */

const outdir = mkdtempSync(join(tmpdir(), "impact-open-data-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const configOf = (context: Record<string, unknown>) => stageConfig(new App({ context, outdir }).node);

/** Two open-data routes of a test's own next to the route list's others (whatever open-data routes it has). */
const OPEN: RouteDef[] = [
  { method: "GET", path: "/v1/test-open/{id}", area: "tenders", public: true, throttle: "open-data" },
  { method: "GET", path: "/v1/test-open", area: "tenders", public: true, throttle: "open-data" },
];
const withOpen = [...routes, ...OPEN];
const openKeys = withOpen.filter((r) => r.throttle === "open-data").map(routeKey);

type StageProps = {
  DefaultRouteSettings: Record<string, number>;
  RouteSettings?: Record<string, Record<string, number>>;
};
const stageOf = (synth: Synthesized) => {
  const [stage] = Object.values(resourcesOf(synth.api, "AWS::ApiGatewayV2::Stage")) as unknown as {
    Properties: StageProps;
    DependsOn?: string[];
  }[];
  return stage!;
};

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  dev = synthesize({ stage: "dev" }, { routes: withOpen });
  prod = synthesize(
    { stage: "prod", openDataThrottleRate: 3, openDataThrottleBurst: 6 },
    { routes: withOpen },
  );
}, 180_000);

describe("route-level throttling of the open-data routes", () => {
  it("marks exactly the OCDS routes of the route list as open data, all public", () => {
    const open = routes.filter((r) => r.throttle === "open-data");
    expect(open.map(routeKey)).toEqual([
      "GET /v1/tenders/{tenderId}/ocds",
      "GET /v1/ocds/extension/{file}",
      "GET /v1/ocds/releases",
    ]);
    expect(open.every((r) => r.public)).toBe(true);
  });

  it("gives each open-data route the stage's own route settings: dev's defaults, prod's overrides", () => {
    const throttled = (rate: number, burst: number) =>
      Object.fromEntries(
        openKeys.map((k) => [k, { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst }]),
      );
    expect(stageOf(dev).Properties.RouteSettings).toEqual(throttled(5, 10));
    expect(stageOf(prod).Properties.RouteSettings).toEqual(throttled(3, 6));
    // The signed-in routes keep the stage-wide limits.
    expect(stageOf(dev).Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
  });

  it("creates the routes before the stage that names them (CloudFormation refuses settings of a missing route)", () => {
    const dependsOn = stageOf(dev).DependsOn ?? [];
    for (const key of openKeys) expect(dependsOn).toContain(logicalId(dev.service.api.http.routes.get(key)!));
  });

  it("serves the open-data routes without a token, acknowledged as open data, with no nag finding", () => {
    const apiRoutes = Object.values(resourcesOf(dev.api, "AWS::ApiGatewayV2::Route")).map(
      (r) => r.Properties,
    );
    for (const key of openKeys)
      expect(apiRoutes.find((r) => r.RouteKey === key)).toMatchObject({ AuthorizationType: "NONE" });
    expect(dev.violations).toEqual([]);
    expect(prod.violations).toEqual([]);
  });

  it("has no route settings when no route is open data", () => {
    const plain = synthesize({ stage: "dev" }, { routes: routes.filter((r) => r.throttle !== "open-data") });
    expect(stageOf(plain).Properties.RouteSettings).toBeUndefined();
  });

  it("refuses an open-data route that is not public", () => {
    const signedIn: RouteDef = {
      method: "GET",
      path: "/v1/test-closed",
      area: "tenders",
      throttle: "open-data",
    };
    expect(() => synthesize({ stage: "dev" }, { routes: [...routes, signedIn] })).toThrow(
      /open-data route is public/,
    );
  });
});

describe("the open-data throttle in the stage configuration", () => {
  it("defaults below the stage's limits and reads -c openDataThrottleRate / openDataThrottleBurst", () => {
    expect(configOf({}).openDataThrottle).toEqual({ rateLimit: 5, burstLimit: 10 });
    expect(configOf({ stage: "prod" }).openDataThrottle).toEqual({ rateLimit: 20, burstLimit: 40 });
    expect(configOf({ openDataThrottleRate: "2", openDataThrottleBurst: 4 }).openDataThrottle).toEqual({
      rateLimit: 2,
      burstLimit: 4,
    });
    // A stage throttled below the open-data defaults takes the open-data routes down with it.
    expect(configOf({ throttleRate: 3, throttleBurst: 4 }).openDataThrottle).toEqual({
      rateLimit: 3,
      burstLimit: 4,
    });
  });

  it("refuses limits that are not positive or exceed the stage's", () => {
    expect(() => configOf({ openDataThrottleRate: "0" })).toThrow(/openDataThrottleRate/);
    expect(() => configOf({ openDataThrottleBurst: "x" })).toThrow(/openDataThrottleBurst/);
    expect(() => configOf({ openDataThrottleRate: 51 })).toThrow(/within the stage's/);
    expect(() => configOf({ stage: "prod", openDataThrottleBurst: 401 })).toThrow(/within the stage's/);
  });
});
