import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { CONSOLE_ROUTES, CORS_ALLOW_HEADERS, PREFLIGHT_ROUTE_KEY } from "../../infra/constructs/http-api.js";
import { FALLBACK_AREA, servedAreas } from "../../infra/stacks/api-stack.js";
import { FALLBACK_ROUTE_KEY, routeKey, routes } from "../../lib/http/routes.js";
import {
  dev,
  logicalId,
  prod,
  prodWithOptions,
  resourcesOf,
  synthesize,
  type Json,
  synthesizeSharedStages,
} from "./support.js";

/** The HTTP API of the synthesized stacks: its routes, their authorisation and integrations, CORS, the stage. */

synthesizeSharedStages();

describe("HTTP API", () => {
  const routesIn = (synth: typeof dev) => {
    const { api, service } = synth();
    const integrations = resourcesOf(api, "AWS::ApiGatewayV2::Integration");
    const fnOfIntegration = (id: string) =>
      (integrations[id]!.Properties.IntegrationUri as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const areaOfFunction = new Map(
      [...service.api.functions, ["console", service.api.console] as const].map(
        ([area, f]) => [logicalId(f.fn), area] as const,
      ),
    );
    return Object.values(resourcesOf(api, "AWS::ApiGatewayV2::Route")).map((r) => {
      const target = r.Properties.Target as { "Fn::Join": [string, [string, { Ref: string }]] };
      return {
        key: r.Properties.RouteKey as string,
        auth: r.Properties.AuthorizationType as string,
        area: areaOfFunction.get(fnOfIntegration(target["Fn::Join"][1][1].Ref)),
      };
    });
  };

  it("has every route of the route list, served by its area's function, and nothing else", () => {
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    const deployed = (synth: typeof dev) =>
      routesIn(synth)
        .map(({ key, area }) => ({ key, area }))
        .sort(byKey);
    const expected = [
      ...routes.map((r) => ({ key: routeKey(r), area: r.area as string })),
      { key: FALLBACK_ROUTE_KEY, area: FALLBACK_AREA as string },
      ...CONSOLE_ROUTES.map(({ key }) => ({ key, area: "console" })),
    ];
    // prod without CORS: exactly the route list and $default
    expect(deployed(prod)).toEqual([...expected].sort(byKey));
    // with CORS (dev) also the unauthenticated preflight route in front of $default
    expect(deployed(dev)).toEqual(
      [...expected, { key: PREFLIGHT_ROUTE_KEY, area: FALLBACK_AREA }].sort(byKey),
    );
  });

  it("derives routes and grants from the list it is given (a new route needs no infra change)", {
    timeout: 60_000,
  }, () => {
    // A new GET route, and the orgs area reduced to GETs: the route appears, orgs loses write access.
    const extra = { method: "GET", path: "/v1/regions/{regionId}/summary", area: "orgs" } as const;
    const changed = [...routes.filter((r) => r.area !== "orgs" || r.method === "GET"), extra];
    const shrunk = synthesize({ stage: "dev" }, { routes: changed });
    shrunk.api.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "GET /v1/regions/{regionId}/summary",
      AuthorizationType: "JWT",
    });
    const role = logicalId(shrunk.service.api.functions.get("orgs")!.fn.role!);
    const policy = Object.values(resourcesOf(shrunk.api, "AWS::IAM::Policy")).find(
      (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]),
    );
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain("dynamodb:Query");
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).not.toContain("dynamodb:PutItem");
    expect(shrunk.violations).toEqual([]);
  });

  it("every function serves at least one route (no orphan functions)", () => {
    const served = new Set(routesIn(dev).map((r) => r.area));
    for (const area of dev().service.api.functions.keys()) expect(served).toContain(area);
  });

  it("verifies a token on every route but the public ones (health), CORS preflights and the console's, $default included", () => {
    for (const synth of [prod, dev, prodWithOptions]) {
      for (const route of routesIn(synth)) {
        const def = routes.find((r) => routeKey(r) === route.key);
        const open =
          def?.public ||
          route.key === PREFLIGHT_ROUTE_KEY ||
          CONSOLE_ROUTES.some(({ key }) => key === route.key);
        expect({ key: route.key, auth: route.auth }).toEqual({ key: route.key, auth: open ? "NONE" : "JWT" });
      }
    }
    expect(routesIn(prod).find((r) => r.key === FALLBACK_ROUTE_KEY)?.auth).toBe("JWT");
    expect(routes.filter((r) => r.public).map(routeKey)).toEqual([
      "GET /v1/health",
      "GET /v1/openapi.json",
      "GET /v1/docs",
      "GET /v1/docs/redoc.standalone.js",
      "GET /v1/docs/redoc.standalone.js.LICENSE.txt",
      "GET /v1/tenders/{tenderId}/ocds",
      "GET /v1/ocds/extension/{file}",
      "GET /v1/ocds/releases",
      "POST /v1/reports/verify-document",
    ]);
  });

  it("grants invoke once per function for this API", () => {
    const { api } = dev();
    const permissions = Object.values(resourcesOf(api, "AWS::Lambda::Permission"));
    expect(permissions).toHaveLength(servedAreas().length + 1); // and the console's
    for (const p of permissions) {
      expect(p.Properties.Principal).toBe("apigateway.amazonaws.com");
      expect(JSON.stringify(p.Properties.SourceArn)).toContain("/*/*/*");
    }
  });

  it("throttles the stage and writes JSON access logs", () => {
    for (const [synth, rate, burst] of [
      [dev, 50, 100],
      [prod, 200, 400],
    ] as const) {
      const { api, service } = synth();
      const stage = Object.values(resourcesOf(api, "AWS::ApiGatewayV2::Stage"));
      expect(stage).toHaveLength(1);
      const props = stage[0]!.Properties as Json & {
        AccessLogSettings: { DestinationArn: unknown; Format: string };
      };
      expect(props).toMatchObject({
        StageName: "$default",
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst },
      });
      expect(props.AccessLogSettings.DestinationArn).toEqual({
        "Fn::GetAtt": [logicalId(service.api.http.accessLogs), "Arn"],
      });
      const format = JSON.parse(props.AccessLogSettings.Format) as Json;
      expect(format).toMatchObject({ requestId: "$context.requestId", status: "$context.status" });
    }
    prodWithOptions().api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 9 },
    });
  });

  it("takes CORS from configuration: dev's local front end, none in prod unless configured", () => {
    dev().api.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ["http://localhost:5173"] }),
    });
    prod().api.hasResourceProperties("AWS::ApiGatewayV2::Api", { CorsConfiguration: Match.absent() });
    const api = Object.values(resourcesOf(prodWithOptions().api, "AWS::ApiGatewayV2::Api"))[0]!.Properties;
    const cors = api.CorsConfiguration as {
      AllowOrigins: string[];
      AllowMethods: string[];
      AllowHeaders: string[];
    };
    expect(cors.AllowOrigins).toEqual(["https://app.example.nl"]);
    for (const method of new Set(routes.map((r) => r.method))) expect(cors.AllowMethods).toContain(method);
    expect(cors.AllowHeaders).toEqual(CORS_ALLOW_HEADERS);
  });
});
