import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IUserPool, IUserPoolClient } from "aws-cdk-lib/aws-cognito";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { FALLBACK_ROUTE_KEY, type RouteDef, routeKey } from "../../lib/http/routes.js";
import type { StageConfig } from "../config.js";

/** Request headers a browser client sends (CORS); exposed response headers it may read. */
export const CORS_ALLOW_HEADERS = ["authorization", "content-type", "idempotency-key", "x-correlation-id"];
export const CORS_EXPOSE_HEADERS = ["x-correlation-id", "location", "retry-after", "allow"];

/** One JSON line per request; `sub` ties a request to a user without logging the token. */
export const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  time: "$context.requestTime",
  ip: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  method: "$context.httpMethod",
  path: "$context.path",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  latencyMs: "$context.responseLatency",
  integrationLatencyMs: "$context.integrationLatency",
  integrationStatus: "$context.integrationStatus",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  error: "$context.error.message",
  sub: "$context.authorizer.claims.sub",
};

/**
 * With CORS on and an authorizer on `$default`, a browser's preflight (OPTIONS, never with a token)
 * would be caught by `$default` and refused with 401. This more specific route without authorizer
 * lets API Gateway answer the preflight from the CORS configuration (AWS docs, "Configuring CORS for
 * an HTTP API with a $default route and an authorizer"); other OPTIONS requests reach the fallback
 * area (405 problem+json).
 */
export const PREFLIGHT_ROUTE_KEY = "OPTIONS /{proxy+}";

/**
 * The web console's routes (functions/console/handler.ts): the site root, which redirects to the
 * console, and everything under /console. Public at the gateway: a browser sends no bearer token;
 * the console's handler checks its session cookie and each page's roles, and calls the API's
 * handlers in-process with the signed-in user's token, which they verify again.
 */
export const CONSOLE_ROUTES = [
  { key: "GET /", path: "/", method: HttpMethod.GET },
  { key: "ANY /console", path: "/console", method: HttpMethod.ANY },
  { key: "ANY /console/{proxy+}", path: "/console/{proxy+}", method: HttpMethod.ANY },
] as const;

/** A valid, stable construct id for a route key ("GET /v1/regions/{regionId}" → "GET-v1-regions-regionId"). */
export const routeConstructId = (key: string): string =>
  key === FALLBACK_ROUTE_KEY
    ? "Route-default"
    : `Route-${key
        .replace(/[{}]/g, "")
        .replace(/[^A-Za-z0-9]+/g, "-")
        .replace(/-+$/, "")}`;

/** Why a public route may go without a token (cdk-nag AwsSolutions-APIG4). */
const publicReason = (key: string, route: RouteDef): string =>
  route.throttle === "open-data"
    ? `${key} is open data by design (OCDS, marked public in lib/http/routes.ts): it answers only what has been published, and route-level throttling of its own bounds its use.`
    : `${key} is public by design (marked public in lib/http/routes.ts: the liveness probe, the API's own description and reference page, the check of a report's PDF): it needs no token and reveals nothing that is not public; stage throttling bounds its use.`;

/**
 * The stage's route settings: the open-data routes' own throttling. CloudFormation only accepts settings
 * for routes that exist, so the stage is made to depend on them.
 */
function throttleOpenData(
  stage: HttpStage,
  routes: readonly { key: string; route: HttpRoute }[],
  config: StageConfig,
) {
  if (!routes.length) return;
  const settings = Object.fromEntries(
    routes.map(({ key }) => [
      key,
      {
        ThrottlingRateLimit: config.openDataThrottle.rateLimit,
        ThrottlingBurstLimit: config.openDataThrottle.burstLimit,
      },
    ]),
  );
  (stage.node.defaultChild as CfnStage).routeSettings = settings;
  for (const { route } of routes) stage.node.addDependency(route);
}

export interface ServiceHttpApiProps {
  config: StageConfig;
  routes: readonly RouteDef[];
  /** The Lambda of each area. */
  functions: ReadonlyMap<string, IFunction>;
  /** The area that answers unknown paths and methods ($default): 404/405 as problem+json. */
  fallbackArea: string;
  userPool: IUserPool;
  client: IUserPoolClient;
}

/**
 * The HTTP API: one route per entry of the route list (lib/http/routes.ts), plus `$default`. Every
 * route but the public ones (health) has Cognito's JWT authorizer; the handlers verify the token
 * again (defence in depth, and the local runtime has no gateway).
 */
export class ServiceHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly routes = new Map<string, HttpRoute>();

  constructor(scope: Construct, id: string, props: ServiceHttpApiProps) {
    super(scope, id);
    const { config } = props;
    const methods = [...new Set(props.routes.map((r) => r.method))].sort();

    this.api = new HttpApi(this, "Api", {
      apiName: `${config.prefix}-api`,
      description: `Impact Procurement API (${config.stage})`,
      createDefaultStage: false,
      ...(config.corsOrigins.length
        ? {
            corsPreflight: {
              allowOrigins: config.corsOrigins,
              allowMethods: [...methods.map((m) => CorsHttpMethod[m]), CorsHttpMethod.OPTIONS],
              allowHeaders: CORS_ALLOW_HEADERS,
              exposeHeaders: CORS_EXPOSE_HEADERS,
              allowCredentials: false,
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    this.accessLogs = new LogGroup(this, "AccessLogs", {
      retention: config.logRetentionDays,
      removalPolicy: config.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.stage = new HttpStage(this, "Stage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle: config.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const authorizer = new HttpUserPoolAuthorizer("Cognito", props.userPool, {
      authorizerName: "cognito",
      userPoolClients: [props.client],
      identitySource: ["$request.header.Authorization"],
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationOf = (area: string): HttpLambdaIntegration => {
      let integration = integrations.get(area);
      if (!integration) {
        const fn = props.functions.get(area);
        if (!fn) throw new Error(`No function for area '${area}' (functions/${area}/handler.ts).`);
        // One invoke permission per function for the whole API, not one per route.
        integration = new HttpLambdaIntegration(`${area}-integration`, fn, { scopePermissionToRoute: false });
        integrations.set(area, integration);
      }
      return integration;
    };

    const openData: { key: string; route: HttpRoute }[] = [];
    for (const route of props.routes) {
      const key = routeKey(route);
      if (this.routes.has(key)) throw new Error(`Duplicate route in the route list: ${key}`);
      const httpRoute = new HttpRoute(this, routeConstructId(key), {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationOf(route.area),
        authorizer: route.public ? new HttpNoneAuthorizer() : authorizer,
      });
      if (route.throttle === "open-data" && !route.public)
        throw new Error(`${key}: an open-data route is public (lib/http/routes.ts)`);
      if (route.public) {
        Validations.of(httpRoute).acknowledge({ id: "AwsSolutions-APIG4", reason: publicReason(key, route) });
      }
      if (route.throttle === "open-data") openData.push({ key, route: httpRoute });
      this.routes.set(key, httpRoute);
    }
    throttleOpenData(this.stage, openData, config);

    if (config.corsOrigins.length) {
      const preflight = new HttpRoute(this, "Route-cors-preflight", {
        httpApi: this.api,
        routeKey: HttpRouteKey.with("/{proxy+}", HttpMethod.OPTIONS),
        integration: integrationOf(props.fallbackArea),
        authorizer: new HttpNoneAuthorizer(),
      });
      Validations.of(preflight).acknowledge({
        id: "AwsSolutions-APIG4",
        reason: `${PREFLIGHT_ROUTE_KEY} must be unauthenticated: browsers send CORS preflights without credentials, API Gateway answers them from the CORS configuration, and any other OPTIONS request only gets the fallback's 405.`,
      });
      this.routes.set(PREFLIGHT_ROUTE_KEY, preflight);
    }

    // Unknown paths and methods: the fallback area answers 404/405. Behind the authorizer too, so
    // nothing but health reaches a function without a valid token.
    this.routes.set(
      FALLBACK_ROUTE_KEY,
      new HttpRoute(this, routeConstructId(FALLBACK_ROUTE_KEY), {
        httpApi: this.api,
        routeKey: HttpRouteKey.DEFAULT,
        integration: integrationOf(props.fallbackArea),
        authorizer,
      }),
    );
  }

  /** The web console's routes, served by its function (added once the function, which needs the API's address, exists). */
  addConsole(fn: IFunction): void {
    const integration = new HttpLambdaIntegration("console-integration", fn, {
      scopePermissionToRoute: false,
    });
    for (const { key, path, method } of CONSOLE_ROUTES) {
      const route = new HttpRoute(this, routeConstructId(key), {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(path, method),
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason: `${key} serves the web console to browsers, which carry a session cookie, not a bearer token: the console's handler checks the session and the page's roles itself (a visitor without one is sent to Cognito's managed login), and every API call it makes verifies the user's token again.`,
      });
      this.routes.set(key, route);
    }
  }
}
