/**
 * A cold start end to end, as a first request sees it: each area's Lambda bundle (built as CDK builds
 * it) imported in a fresh `node` process with a Lambda-like environment, then invoked once with a real
 * request, then once more (warm, for comparison). The requests carry RS256 tokens checked against a
 * JWKS served here as Cognito serves it (the AWS path of lib/http/auth.ts), on a dynalite with the
 * demo data. Prints, per route, the medians of import, first request and their sum (wall clock and
 * CPU time of the process), and of the warm request.
 *
 *   npx tsx bench/cold-start.ts [--runs 7] [--root <checkout>]
 *
 * `--root` builds the bundles of another checkout (its infra/bundling.ts and sources, with this
 * one's node_modules), to compare two versions in the same run.
 */
import { execFile } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { SignJWT } from "jose";
import { LAMBDA_LIKE_ENV } from "./bundles.js";
import { openBenchDatabase } from "./database.js";

const CHILD = `
import { readFileSync } from "node:fs";
const context = { functionName: "cold-start", functionVersion: "$LATEST", invokedFunctionArn: "arn:aws:lambda:eu-west-1:000000000000:function:cold-start", memoryLimitInMB: "512", awsRequestId: "cold-start-1", logGroupName: "cold-start", logStreamName: "cold-start", callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 10_000, done() {}, fail() {}, succeed() {} };
const time = async (step) => {
  const [cpu, started] = [process.cpuUsage(), performance.now()];
  const value = await step();
  const { user, system } = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (user + system) / 1000, value };
};
const event = () => ({ ...JSON.parse(readFileSync(process.argv[2], "utf8")), requestContext: { ...JSON.parse(readFileSync(process.argv[2], "utf8")).requestContext, requestId: crypto.randomUUID() } });
const imported = await time(() => import(process.argv[1]));
const first = await time(() => imported.value.handler(event(), context));
const warm = await time(() => imported.value.handler(event(), context));
console.log(JSON.stringify({ import: imported, first: { ...first, value: first.value.statusCode }, warm: { ...warm, value: warm.value.statusCode }, imported: undefined }, (k, v) => (k === "value" && typeof v === "object" ? undefined : v)));
`;

interface Timing {
  ms: number;
  cpuMs: number;
  value?: number;
}
interface Run {
  import: Timing;
  first: Timing;
  warm: Timing;
}

const run = promisify(execFile);

async function main() {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "7" }, root: { type: "string" } },
  });
  const runs = Number(values.runs);
  const root = resolve(values.root ?? join(import.meta.dirname, ".."));
  const { esbuildOptions, areaEntry } = (await import(
    pathToFileURL(join(root, "infra", "bundling.ts")).href
  )) as typeof import("../infra/bundling.js");

  const database = await openBenchDatabase("bench-cold-start");
  const { DEMO } = await import("../lib/seed/demo-ids.js");
  const { toApiGatewayEvent } = await import("../lib/local/event.js");
  const { benchInput } = await import("./workload.js");

  // Cognito's part: a user pool's issuer with its JWKS, and ID tokens of the app client.
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" };
  const jwks = createServer((req, res) => {
    if (!req.url?.endsWith("/.well-known/jwks.json")) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((done) => jwks.listen(0, "127.0.0.1", done));
  const issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/pool`;
  const audience = "cold-start-client";
  const token = await new SignJWT({ "custom:role": "officer", "custom:org": DEMO.municipalities[0] })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setSubject("cognito-user-1")
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
  const auth = { authorization: `Bearer ${token}` };

  const requests: { area: string; name: string; method: string; url: string; body?: string }[] = [
    { area: "platform", name: "GET /v1/health", method: "GET", url: "/v1/health" },
    { area: "platform", name: "GET /v1/me", method: "GET", url: "/v1/me" },
    {
      area: "scoring",
      name: "POST /v1/scoring/simulate (10 bids)",
      method: "POST",
      url: "/v1/scoring/simulate",
      body: JSON.stringify(benchInput("relative-lowest", 10, 5)),
    },
    {
      area: "contracts",
      name: "GET /v1/contracts/{id}/balance",
      method: "GET",
      url: `/v1/contracts/${DEMO.contract.id}/balance`,
    },
    { area: "tenders", name: "GET /v1/tenders", method: "GET", url: "/v1/tenders" },
  ];

  const outdir = mkdtempSync(join(tmpdir(), "impact-bench-cold-"));
  try {
    const areas = [...new Set(requests.map((r) => r.area))];
    await Promise.all(
      areas.map((area) => build(esbuildOptions(join(root, areaEntry(area)), join(outdir, area)))),
    );
    const env = {
      ...LAMBDA_LIKE_ENV,
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!,
      TABLE_NAME: process.env.TABLE_NAME!,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: audience,
      // No X-Ray daemon here: the tracer is created, as in Lambda, but sends nothing.
      POWERTOOLS_TRACE_ENABLED: "false",
    };
    const cases = requests.map((r) => {
      const file = join(outdir, `${randomUUID()}.json`);
      const headers = { ...(r.url === "/v1/health" ? {} : auth), "content-type": "application/json" };
      writeFileSync(
        file,
        JSON.stringify(toApiGatewayEvent({ method: r.method, url: r.url, headers, body: r.body })),
      );
      return { ...r, file, bundle: pathToFileURL(join(outdir, r.area, "index.mjs")).href, runs: [] as Run[] };
    });
    for (let round = -1; round < runs; round++) {
      for (const c of cases) {
        const { stdout } = await run(
          process.execPath,
          ["--input-type=module", "-e", CHILD, c.bundle, c.file],
          {
            env,
            cwd: outdir,
            timeout: 30_000,
          },
        );
        const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as Run;
        if (result.first.value !== 200 || result.warm.value !== 200)
          throw new Error(`${c.name} answered ${result.first.value}, ${result.warm.value}`);
        if (round >= 0) c.runs.push(result); // the first round warms the file cache only
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const f = (xs: number[]) => median(xs).toFixed(1);
    console.log(`cold start, median of ${runs} fresh processes (ms wall / ms CPU); root ${root}`);
    console.log(
      ["route", "import", "first request", "import + first", "warm request"]
        .map((h, i) => (i ? h.padStart(16) : h.padEnd(36)))
        .join(""),
    );
    for (const c of cases) {
      const col = (pick: (r: Run) => Timing[]) =>
        `${f(c.runs.map((r) => pick(r).reduce((s, t) => s + t.ms, 0)))} / ${f(c.runs.map((r) => pick(r).reduce((s, t) => s + t.cpuMs, 0)))}`.padStart(
          16,
        );
      console.log(
        c.name.padEnd(36) +
          col((r) => [r.import]) +
          col((r) => [r.first]) +
          col((r) => [r.import, r.first]) +
          col((r) => [r.warm]),
      );
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    jwks.close();
    await database.close();
  }
}

await main();
