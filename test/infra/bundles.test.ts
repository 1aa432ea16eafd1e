import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { App, Stack } from "aws-cdk-lib";
import { Table } from "aws-cdk-lib/aws-dynamodb";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { build, type Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AREA_ASSETS,
  areaAssets,
  areaEntry,
  BUNDLE_FILE,
  CHUNK_DIR,
  copyAssets,
  esbuildOptions,
  REDOC_ASSETS,
} from "../../infra/bundling.js";
import { stageConfig } from "../../infra/config.js";
import { AreaFunction, PROJECT_ROOT } from "../../infra/constructs/area-function.js";
import { servedAreas } from "../../infra/stacks/api-stack.js";
import { toApiGatewayEvent } from "../../lib/local/event.js";
import { REDOC_FILES, REDOC_SCRIPT } from "../../lib/api-reference/redoc-files.js";
import { routes } from "../../lib/http/routes.js";
import { DEMO, seedDemo } from "../support/api.js";
import { TEST_SIGNING_KEY } from "../support/setup-env.js";

const run = promisify(execFile);

/**
 * Bundles every area's function with the esbuild options CDK uses for it (infra/bundling.ts), then
 * imports each bundle in a fresh Node process with a Lambda-like environment and no credentials and
 * calls every route of it (each loads its own chunk). ESM bundles of CommonJS packages can fail only
 * at run time; this is where they fail.
 */
const areas = servedAreas();
const outdir = mkdtempSync(join(tmpdir(), "impact-bundles-"));
const metafiles = new Map<string, Metafile>();

/** Runs in the child: imports the bundle and invokes its handler with each event given. */
const CHILD = `
const [bundle, events] = [process.argv[1], JSON.parse(process.argv[2])];
const mod = await import(bundle);
const results = [];
for (const event of events) {
  const r = await mod.handler(event, { awsRequestId: "bundle-test", functionName: "bundle-test" });
  results.push({ statusCode: r.statusCode, contentType: r.headers?.["content-type"], body: r.body });
}
console.log(JSON.stringify({ handlerType: typeof mod.handler, results }));
`;

const LAMBDA_LIKE_ENV = {
  PATH: process.env.PATH ?? "",
  NODE_OPTIONS: "--enable-source-maps",
  AWS_REGION: "eu-west-1",
  TABLE_NAME: "impact-procurement-bundle-test",
  AUTH_ISSUER: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bundletest",
  AUTH_AUDIENCE: "bundle-test-client",
  // No credentials, no endpoint: importing and refusing a request must not need AWS.
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_EC2_METADATA_DISABLED: "true",
};

async function invoke(area: string, events: unknown[], env: Record<string, string> = {}) {
  const bundle = pathToFileURL(join(outdir, area, BUNDLE_FILE)).href;
  const { stdout } = await run(
    process.execPath,
    ["--input-type=module", "-e", CHILD, bundle, JSON.stringify(events)],
    {
      env: { ...LAMBDA_LIKE_ENV, ...env },
      cwd: outdir, // away from the repository: the bundle must not resolve anything from node_modules
      timeout: 20_000,
      maxBuffer: 16 * 1024 * 1024, // Redoc's script, base64-encoded
    },
  );
  const lines = stdout.trim().split("\n");
  return {
    ...(JSON.parse(lines[lines.length - 1]!) as {
      handlerType: string;
      results: { statusCode: number; contentType?: string; body?: string }[];
    }),
    /** What the bundle itself wrote: Powertools' log lines and EMF documents. */
    output: lines.slice(0, -1),
  };
}

beforeAll(async () => {
  await Promise.all(
    areas.map(async (area) => {
      const result = await build({
        ...esbuildOptions(join(PROJECT_ROOT, areaEntry(area)), join(outdir, area)),
        metafile: true, // a report only; does not change the output
      });
      metafiles.set(area, result.metafile);
      copyAssets(areaAssets(area), join(outdir, area)); // as the CDK bundling does after esbuild
    }),
  );
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The source files that contribute code to an area's bundle (the metafile also lists tree-shaken ones). */
function bundledInputs(area: string, file?: string): string[] {
  const { outputs } = metafiles.get(area)!;
  return Object.entries(outputs)
    .filter(([output]) => (file ? output.endsWith(file) : !output.endsWith(".map")))
    .flatMap(([, output]) => Object.entries(output.inputs))
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([input]) => input);
}

/** Every file of a bundle folder, relative to it. */
const filesOf = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

describe("function bundles", () => {
  it("splits minified ESM for Node 22 into index.mjs and chunks/, with source maps", () => {
    const options = esbuildOptions("entry.ts", "out");
    expect(options).toMatchObject({
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node22",
      splitting: true,
      minify: true,
      sourcemap: true,
      outdir: "out",
      entryNames: "index",
      outExtension: { ".js": ".mjs" },
    });
    expect(options.banner?.js).toContain("createRequire");
  });

  it.each(areas)("%s: is a minified ESM bundle with source maps, without AWS SDK v2", (area) => {
    const files = filesOf(join(outdir, area));
    const code = files.filter((file) => file.endsWith(".mjs"));
    expect(code).toContain(BUNDLE_FILE);
    for (const file of code) expect(files).toContain(`${file}.map`);
    expect(code.every((file) => file === BUNDLE_FILE || file.startsWith(`${CHUNK_DIR}/`))).toBe(true);
    const size = code.reduce((sum, file) => sum + statSync(join(outdir, area, file)).size, 0);
    expect(size).toBeLessThan(3 * 1024 * 1024);
    const inputs = Object.keys(metafiles.get(area)!.inputs);
    expect(inputs.some((i) => i.includes("node_modules/aws-sdk/"))).toBe(false);
    expect(inputs.some((i) => i.includes("node_modules/@aws-sdk/client-dynamodb/"))).toBe(true);
  });

  it.each(areas)("%s: index.mjs holds the router, not a route's module (each has its own chunk)", (area) => {
    const routeModules = (inputs: string[]) =>
      inputs.filter((i) => i.startsWith(`functions/${area}/`) && !i.endsWith("/handler.ts"));
    expect(bundledInputs(area, BUNDLE_FILE)).toContain(areaEntry(area));
    expect(routeModules(bundledInputs(area, BUNDLE_FILE))).toEqual([]);
    const { outputs } = metafiles.get(area)!;
    const chunks = Object.values(outputs).filter((o) => o.entryPoint?.startsWith(`functions/${area}/`));
    const routeCount = routes.filter((r) => r.area === area).length;
    expect(routeModules(chunks.map((o) => o.entryPoint!))).toHaveLength(routeCount);
  });

  it.each(areas)("%s: carries zod's English messages and none of its other locales", (area) => {
    // zod's locales are ~260 KB; a named `import { z }` pulls them all in (see biome.json).
    const locales = bundledInputs(area).filter((i) => i.includes("node_modules/zod/v4/locales/"));
    expect(locales.map((i) => basename(i))).toEqual(["en.js"]);
  });

  it.each(areas)("%s: a request loads no response schema (tests and tools load them on demand)", (area) => {
    const { outputs } = metafiles.get(area)!;
    // What a request can load: index.mjs, its route's chunk, and what they import statically.
    const loaded = new Set<string>();
    const visit = (output: string) => {
      if (loaded.has(output)) return;
      loaded.add(output);
      for (const i of outputs[output]!.imports)
        if (i.kind === "import-statement" && outputs[i.path]) visit(i.path);
    };
    for (const [output, o] of Object.entries(outputs)) {
      if (output.endsWith(`/${BUNDLE_FILE}`) || o.entryPoint?.startsWith(`functions/${area}/`)) visit(output);
    }
    const inputs = [...loaded].flatMap((output) =>
      Object.entries(outputs[output]!.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([input]) => input),
    );
    expect(inputs.filter((i) => i.startsWith("lib/schemas/responses/"))).toEqual([]);
    expect(Object.keys(metafiles.get(area)!.inputs).some((i) => i.startsWith("lib/schemas/responses/"))).toBe(
      true,
    );
  });

  it.each(areas)("%s: imports under Node and answers every route without credentials", async (area) => {
    const areaRoutes = routes.filter((r) => r.area === area);
    const request = (route: (typeof areaRoutes)[number], headers: Record<string, string>) =>
      toApiGatewayEvent({ method: route.method, url: route.path, headers });
    // Each route loads its chunk; the second event of a route runs the bundled jose, which rejects
    // the token while decoding it (offline).
    const events = areaRoutes.flatMap((route) =>
      route.public ? [] : [request(route, {}), request(route, { authorization: "Bearer a.b.c" })],
    );
    const { handlerType, results } = await invoke(area, events);
    expect(handlerType).toBe("function");
    expect(results).toHaveLength(events.length);
    for (const result of results) {
      // No valid token: refused by the bundled middy stack with problem+json, before any AWS call.
      expect(result.statusCode).toBe(401);
      expect(result.contentType).toBe("application/problem+json");
      expect(JSON.parse(result.body!)).toMatchObject({ status: 401 });
    }
  });

  it("is byte for byte the bundle CDK's synthesis produces for the function (platform area)", {
    timeout: 120_000,
  }, () => {
    const cdkOut = mkdtempSync(join(tmpdir(), "impact-cdk-bundle-"));
    try {
      const app = new App({ outdir: cdkOut, context: { "aws:cdk:enable-asset-metadata": true } });
      const stack = new Stack(app, "BundleProbe");
      const area = new AreaFunction(stack, "Probe", {
        area: "platform",
        config: stageConfig(app.node),
        table: Table.fromTableName(stack, "Table", "probe"),
        readOnly: true,
        environment: {},
      });
      app.synth(); // runs esbuild exactly as `cdk synth` does
      const resource = (area.fn.node.defaultChild as CfnFunction).cfnOptions.metadata ?? {};
      const assetDir = join(cdkOut, String(resource["aws:asset:path"]));
      const ours = join(outdir, "platform");
      expect(filesOf(assetDir)).toEqual(filesOf(ours));
      const code = filesOf(ours).filter((file) => file.endsWith(".mjs"));
      expect(code.length).toBeGreaterThan(1);
      for (const file of code) {
        expect(readFileSync(join(assetDir, file), "utf8") === readFileSync(join(ours, file), "utf8")).toBe(
          true,
        );
      }
      // Redoc's script and its licence notices, as the package ships them.
      for (const file of REDOC_FILES) {
        const shipped = readFileSync(join(assetDir, "redoc", file));
        expect(shipped.equals(readFileSync(join(PROJECT_ROOT, "node_modules", "redoc", file))), file).toBe(
          true,
        );
      }
    } finally {
      rmSync(cdkOut, { recursive: true, force: true });
    }
  });

  it.each(areas)("%s: takes AWS credentials from the environment only, as Lambda gives them", (area) => {
    const packages = new Set(
      Object.keys(metafiles.get(area)!.inputs).map((i) => /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(i)?.[1]),
    );
    expect(packages).toContain("@aws-sdk/credential-provider-env");
    const otherSources = [
      "@aws-sdk/credential-provider-node",
      "@aws-sdk/credential-provider-ini",
      "@aws-sdk/credential-provider-sso",
      "@aws-sdk/credential-provider-process",
      "@aws-sdk/credential-provider-web-identity",
      "@aws-sdk/credential-provider-http",
      "@smithy/credential-provider-imds",
      "@aws-sdk/nested-clients",
    ];
    expect(otherSources.filter((p) => packages.has(p))).toEqual([]);
  });

  it("signs DynamoDB calls with the environment's credentials (a request reads the caller's organisation)", async () => {
    const tokens = await seedDemo();
    const me = toApiGatewayEvent({
      method: "GET",
      url: "/v1/me",
      headers: { authorization: `Bearer ${tokens.officer}` },
    });
    // The deployed code path: no DYNAMODB_ENDPOINT (nor its fixed local credentials); the SDK's own
    // endpoint setting points the client at this test's dynalite.
    const env = {
      AWS_ENDPOINT_URL_DYNAMODB: process.env.DYNAMODB_ENDPOINT!,
      TABLE_NAME: process.env.TABLE_NAME!,
      AUTH_ISSUER: "",
      DEV_SIGNING_KEY: TEST_SIGNING_KEY,
    };
    const signed = await invoke("platform", [me], {
      ...env,
      AWS_ACCESS_KEY_ID: "ASIABUNDLETEST",
      AWS_SECRET_ACCESS_KEY: "bundle-test",
      AWS_SESSION_TOKEN: "bundle-test",
    });
    expect(signed.results[0]).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(signed.results[0]!.body!)).toMatchObject({
      role: "officer",
      organisation: { id: DEMO.municipalities[0] },
    });
    // Without them there is nothing else to try: the read fails (500), it does not look elsewhere.
    const unsigned = await invoke("platform", [me], env);
    expect(unsigned.results[0]).toMatchObject({ statusCode: 500 });
  });

  it("imports with X-Ray tracing on, as in Lambda, and writes a JSON request log line and EMF", async () => {
    const { results, output } = await invoke(
      "contracts",
      [toApiGatewayEvent({ method: "GET", url: "/v1/contracts", headers: {} })],
      {
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
        AWS_LAMBDA_FUNCTION_NAME: "bundle-test",
        LAMBDA_TASK_ROOT: outdir,
        _X_AMZN_TRACE_ID: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        POWERTOOLS_SERVICE_NAME: "impact-procurement",
        POWERTOOLS_METRICS_NAMESPACE: "ImpactProcurement",
        POWERTOOLS_LOG_LEVEL: "INFO",
      },
    );
    expect(results[0]).toMatchObject({ statusCode: 401 });
    const documents = output.map((line) => JSON.parse(line));
    expect(documents.find((d) => d.message === "request")).toMatchObject({
      level: "INFO",
      service: "impact-procurement",
      xray_trace_id: "1-5759e988-bd862e3fe1be46a994272793",
      routeKey: "GET /v1/contracts",
      status: 401,
      outcome: "unauthenticated",
    });
    expect(documents.find((d) => d._aws)).toMatchObject({ area: "contracts", Problems: 1 });
  });

  it("the platform bundle answers health, and 404 for an unknown path ($default)", async () => {
    const { results } = await invoke("platform", [
      toApiGatewayEvent({ method: "GET", url: "/v1/health", headers: {} }),
      toApiGatewayEvent({ method: "GET", url: "/v1/no-such-thing", headers: {} }),
    ]);
    expect(results[0]).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(results[0]!.body!)).toMatchObject({ status: "ok" });
    expect(results[1]).toMatchObject({ statusCode: 404, contentType: "application/problem+json" });
  });

  it("the platform bundle serves the API reference page, Redoc's script and its notices from redoc/ beside it", async () => {
    const get = (url: string, headers: Record<string, string> = {}) =>
      toApiGatewayEvent({ method: "GET", url, headers });
    // Run away from the repository (no node_modules to fall back on): only the shipped copy can answer.
    const { results } = await invoke("platform", [
      get("/v1/docs"),
      get("/v1/docs/redoc.standalone.js"),
      get("/v1/docs/redoc.standalone.js.LICENSE.txt"),
    ]);
    expect(results.map((r) => [r.statusCode, r.contentType])).toEqual([
      [200, "text/html; charset=utf-8"],
      [200, "text/javascript; charset=utf-8"],
      [200, "text/plain; charset=utf-8"],
    ]);
    const script = Buffer.from(results[1]!.body!, "base64");
    expect(script.equals(readFileSync(join(PROJECT_ROOT, "node_modules", "redoc", REDOC_SCRIPT)))).toBe(true);
    expect(Buffer.from(results[2]!.body!, "base64").toString("utf8")).toContain("Rebilly, Inc.");
  });
});

describe("assets beside the function code", () => {
  it("Redoc ships with the area that serves the docs routes, and with no other", () => {
    const docsAreas = new Set(routes.filter((r) => r.path.startsWith("/v1/docs")).map((r) => r.area));
    expect([...docsAreas]).toEqual(["platform"]);
    for (const [area, assets] of Object.entries(AREA_ASSETS))
      expect(assets.includes(REDOC_ASSETS[0]!), area).toBe(docsAreas.has(area as never));
    expect(REDOC_ASSETS.map((a) => a.to)).toEqual(REDOC_FILES.map((f) => join("redoc", f)));
  });
});
