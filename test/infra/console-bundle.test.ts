import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { App, Stack } from "aws-cdk-lib";
import { afterAll, describe, expect, it } from "vitest";
import {
  BUNDLE_FILE,
  buildConsoleAssetsInto,
  CONSOLE_ASSETS_FOLDER,
  CONSOLE_ENTRY,
} from "../../infra/bundling.js";
import { entryCode } from "../../infra/constructs/area-function.js";
import { Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";

/**
 * The console function bundled as `cdk synth` bundles it: esbuild's code, then the asset build run
 * by the bundling step into console-assets/ (content-hashed files and manifest.json). The bundle is
 * then imported in a fresh Node process with the deployed environment's shape and no credentials: it
 * sends a visitor to Cognito's managed login and serves its stylesheet from the built folder.
 */
const outdir = mkdtempSync(join(tmpdir(), "impact-console-bundle-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const CHILD = `
const [bundle, events] = [process.argv[1], JSON.parse(process.argv[2])];
const mod = await import(bundle);
const results = [];
for (const event of events) {
  const r = await mod.handler(event, { awsRequestId: "bundle-test", functionName: "bundle-test" });
  results.push({ statusCode: r.statusCode, headers: r.headers, body: r.body, isBase64Encoded: r.isBase64Encoded });
}
console.log(JSON.stringify(results));
`;

const event = (path: string, query = "") => ({
  version: "2.0",
  routeKey: "ANY /console/{proxy+}",
  rawPath: path,
  rawQueryString: query,
  headers: { host: "abc123.execute-api.eu-west-1.amazonaws.com", "accept-encoding": "identity" },
  requestContext: {
    http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "" },
    requestId: "r-1",
  },
  isBase64Encoded: false,
});

describe("console bundle", () => {
  it("is bundled by CDK with its assets and manifest, and serves sign-in and assets under Node", async () => {
    // The CDK asset, exactly as the console function's code is staged (infra/stacks/api-stack.ts).
    const app = new App({ outdir });
    const stack = new Stack(app, "ConsoleBundle");
    new LambdaFunction(stack, "Console", {
      code: entryCode(CONSOLE_ENTRY, [], (dir) => buildConsoleAssetsInto(dir)),
      handler: "index.handler",
      runtime: Runtime.NODEJS_22_X,
    });
    app.synth();
    const staged = readdirSync(outdir).find((name) => name.startsWith("asset."))!;
    const bundle = join(outdir, staged);
    expect(existsSync(join(bundle, BUNDLE_FILE))).toBe(true);
    const manifest = JSON.parse(
      readFileSync(join(bundle, CONSOLE_ASSETS_FOLDER, "manifest.json"), "utf8"),
    ) as {
      stylesheet: string;
      files: Record<string, string>;
    };
    for (const name of Object.keys(manifest.files))
      expect(existsSync(join(bundle, CONSOLE_ASSETS_FOLDER, name))).toBe(true);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        CHILD,
        pathToFileURL(join(bundle, BUNDLE_FILE)).href,
        JSON.stringify([
          event("/console/sign-in", "returnTo=%2Fconsole%2F"),
          event(`/console/assets/${manifest.stylesheet}`),
        ]),
      ],
      {
        cwd: tmpdir(), // away from the repository: nothing may resolve from node_modules
        timeout: 30_000,
        env: {
          PATH: process.env.PATH ?? "",
          AWS_REGION: "eu-west-1",
          TABLE_NAME: "impact-procurement-bundle-test",
          AUTH_ISSUER: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bundletest",
          AUTH_AUDIENCE: "console-client",
          CONSOLE_CLIENT_ID: "console-client",
          COGNITO_DOMAIN: "https://impact-procurement-dev-1.auth.eu-west-1.amazoncognito.com",
          CONSOLE_ASSETS_DIR: join(bundle, CONSOLE_ASSETS_FOLDER),
          AWS_ACCESS_KEY_ID: "",
          AWS_SECRET_ACCESS_KEY: "",
          AWS_EC2_METADATA_DISABLED: "true",
        },
      },
    );
    const lines = stdout.trim().split("\n");
    const [signIn, stylesheet] = JSON.parse(lines[lines.length - 1]!) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    }[];
    expect(signIn!.statusCode).toBe(303);
    expect(signIn!.headers.location).toMatch(
      /^https:\/\/impact-procurement-dev-1\.auth\.eu-west-1\.amazoncognito\.com\/oauth2\/authorize\?response_type=code&client_id=console-client&redirect_uri=https%3A%2F%2Fabc123\.execute-api\.eu-west-1\.amazonaws\.com%2Fconsole%2Fauth%2Fcallback&/,
    );
    expect(stylesheet!.statusCode).toBe(200);
    expect(stylesheet!.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(stylesheet!.headers["cache-control"]).toContain("immutable");
    expect(Buffer.from(stylesheet!.body, "base64").toString("utf8")).toEqual(
      readFileSync(join(bundle, CONSOLE_ASSETS_FOLDER, manifest.stylesheet), "utf8"),
    );
  }, 120_000);
});
