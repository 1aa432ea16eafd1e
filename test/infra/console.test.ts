import { describe, expect, it } from "vitest";
import { CONSOLE_ASSETS_DIR } from "../../infra/bundling.js";
import { CONSOLE_ROUTES } from "../../infra/constructs/http-api.js";
import { CONSOLE_CALLBACK_PATH, CONSOLE_SIGNED_OUT_PATH } from "../../infra/stacks/api-stack.js";
import { CALLBACK_PATH, SIGNED_OUT_PATH } from "../../lib/console/cognito.js";
import { chooseSignIn } from "../../lib/console/sign-in-choice.js";
import {
  dev,
  type Json,
  logicalId,
  prod,
  resourcesOf,
  rendered,
  synthesized,
  synthesizeSharedStages,
} from "./support.js";

/** The deployed web console: public gateway routes to its function, Cognito's managed login, no development sign-in. */

synthesizeSharedStages();

const envOf = (fn: { Properties: Json }) => (fn.Properties.Environment as { Variables: Json }).Variables;

describe("web console in the deployed stacks", () => {
  it("has the console's routes without authorizer, each integrated with the console function", () => {
    for (const synth of [dev, prod]) {
      const { api, service } = synth();
      const routes = Object.values(resourcesOf(api, "AWS::ApiGatewayV2::Route"));
      const integrations = resourcesOf(api, "AWS::ApiGatewayV2::Integration");
      for (const { key } of CONSOLE_ROUTES) {
        const route = routes.find((r) => r.Properties.RouteKey === key);
        expect(route, key).toBeDefined();
        expect(route!.Properties.AuthorizationType).toBe("NONE");
        expect(route!.Properties.AuthorizerId).toBeUndefined();
        const target = JSON.stringify(route!.Properties.Target);
        const integration = Object.entries(integrations).find(([id]) => target.includes(id))![1];
        expect(JSON.stringify(integration.Properties.IntegrationUri)).toContain(
          logicalId(service.api.console.fn),
        );
      }
      expect(CONSOLE_ROUTES.map((r) => r.key)).toEqual(["GET /", "ANY /console", "ANY /console/{proxy+}"]);
    }
  });

  it("no function has the development key, and each would choose Cognito or no sign-in, never the development one", async () => {
    for (const synth of [dev, prod]) {
      const { api, service } = synth();
      const functions = resourcesOf(api, "AWS::Lambda::Function");
      for (const [id, fn] of Object.entries(functions)) {
        // What CloudFormation fills in at deploy time (references, imports) as a stand-in URL.
        const env = Object.fromEntries(
          Object.entries(envOf(fn)).map(([k, v]) => [
            k,
            typeof v === "string" ? v : "https://deployed.example",
          ]),
        );
        expect(env.DEV_SIGNING_KEY, id).toBeUndefined();
        const signIn = await chooseSignIn(env);
        expect(signIn.kind, id).toBe(id === logicalId(service.api.console.fn) ? "cognito" : "none");
        // Even given a development key, the console's environment keeps the development sign-in out.
        if (id === logicalId(service.api.console.fn))
          expect((await chooseSignIn({ ...env, DEV_SIGNING_KEY: "k".repeat(32) })).kind).toBe("cognito");
      }
    }
  });

  it("gives the console function the managed login, its own client, its origin and its built assets", () => {
    const { api, identity, service } = dev();
    const env = envOf(resourcesOf(api, "AWS::Lambda::Function")[logicalId(service.api.console.fn)]!);
    const client = { Ref: logicalId(service.api.consoleClient) };
    expect(env.CONSOLE_CLIENT_ID).toEqual(client);
    expect(env.AUTH_AUDIENCE).toEqual(client);
    expect(env.CONSOLE_ASSETS_DIR).toBe(CONSOLE_ASSETS_DIR);
    expect(env.CONSOLE_ORIGIN).toEqual({ "Fn::GetAtt": [logicalId(service.api.http.api), "ApiEndpoint"] });
    // The identity stack's domain, imported: https://<prefix>.auth.<region>.amazoncognito.com
    expect(JSON.stringify(env.COGNITO_DOMAIN)).toMatch(
      /"https:\/\/",\{"Fn::ImportValue":"[^"]+"\},"\.auth\.",\{"Ref":"AWS::Region"\},"\.amazoncognito\.com"/,
    );
    expect(JSON.stringify(env.USER_POOL_ID)).toContain("Fn::ImportValue");
    // The managed login's domain (version 2: managed login, not the classic hosted UI), one per account and stage.
    const domain = Object.values(resourcesOf(identity, "AWS::Cognito::UserPoolDomain"))[0]!.Properties;
    expect(domain.ManagedLoginVersion).toBe(2);
    expect(rendered(domain.Domain)).toBe("impact-procurement-dev-<AWS::AccountId>");
  });

  it("has an app client for the console with the authorization code grant only, its callback and sign-out URLs, no secret", () => {
    const { api, service } = dev();
    const clients = Object.values(resourcesOf(api, "AWS::Cognito::UserPoolClient"));
    expect(clients).toHaveLength(1);
    const client = clients[0]!.Properties;
    expect(client).toMatchObject({
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["openid", "email", "profile"],
      SupportedIdentityProviders: ["COGNITO"],
      GenerateSecret: false,
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
    });
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(["custom:role", "custom:org"]));
    expect((client.WriteAttributes as string[]).filter((a) => a.startsWith("custom:"))).toEqual([]);
    // The paths the sign-in pages serve (lib/console/cognito.tsx) are the registered ones.
    expect([CONSOLE_CALLBACK_PATH, CONSOLE_SIGNED_OUT_PATH]).toEqual([CALLBACK_PATH, SIGNED_OUT_PATH]);
    const onApi = (path: string) => ({
      "Fn::Join": ["", [{ "Fn::GetAtt": [logicalId(service.api.http.api), "ApiEndpoint"] }, path]],
    });
    expect(client.CallbackURLs).toEqual([onApi("/console/auth/callback")]);
    expect(client.LogoutURLs).toEqual([onApi("/console/signed-out")]);
    api.resourceCountIs("AWS::Cognito::ManagedLoginBranding", 1);
  });

  it("registers a custom console origin and a chosen login domain from context", () => {
    const { api, identity, service } = synthesized({
      stage: "prod",
      consoleOrigins: "https://inkoop.example.nl",
      loginDomainPrefix: "inkoop-login",
    });
    const client = Object.values(resourcesOf(api, "AWS::Cognito::UserPoolClient"))[0]!.Properties;
    expect(rendered(client.CallbackURLs)).toContain("https://inkoop.example.nl/console/auth/callback");
    expect(rendered(client.LogoutURLs)).toContain("https://inkoop.example.nl/console/signed-out");
    const env = envOf(resourcesOf(api, "AWS::Lambda::Function")[logicalId(service.api.console.fn)]!);
    expect(env.CONSOLE_ORIGIN).toBe("https://inkoop.example.nl");
    identity.hasResourceProperties("AWS::Cognito::UserPoolDomain", { Domain: "inkoop-login" });
  });

  it("lets the console (and the orgs area, which serves the invitation route) create users in the pool, nothing else", () => {
    const { api, service } = dev();
    const policies = Object.values(resourcesOf(api, "AWS::IAM::Policy"));
    const statementsOf = (fn: { role?: unknown }) =>
      (
        policies.find(
          (p) =>
            JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: logicalId(fn.role as never) }]),
        )!.Properties.PolicyDocument as { Statement: Json[] }
      ).Statement;
    // Create the user; on a retried invitation, read back the account the first attempt created.
    const INVITE = ["cognito-idp:AdminCreateUser", "cognito-idp:AdminGetUser"];
    const cognito = (fn: { role?: unknown }) =>
      statementsOf(fn).filter((s) => JSON.stringify(s.Action).includes("cognito-idp"));
    for (const [area, f] of service.api.functions) {
      expect(
        cognito(f.fn).map((s) => s.Action),
        area,
      ).toEqual(area === "orgs" ? [INVITE] : []);
    }
    expect(cognito(service.api.console.fn).map((s) => s.Action)).toEqual([INVITE]);
    // The console calls every area in-process: it may enqueue jobs and read and write what they may.
    const actions = statementsOf(service.api.console.fn).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(["sqs:SendMessage", "dynamodb:PutItem", "s3:GetObject", "s3:PutObject"]),
    );
    expect(actions).not.toContain("dynamodb:Scan");
  });
});
