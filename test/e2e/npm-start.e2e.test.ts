import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO } from "../../lib/seed/demo-ids.js";
import { killStarted, type Started, startNpm, stopNpm, userEnv } from "../support/npm-start.js";

/** The README's promise, literally: `npm start` serves the API, `npm run token` mints a token it accepts. */
const dataDir = mkdtempSync(join(tmpdir(), "impact-start-"));
afterAll(() => {
  killStarted();
  rmSync(dataDir, { recursive: true, force: true });
});

const childEnv = (port: number) => userEnv(dataDir, port);
const start = (args: string[] = []) => startNpm(dataDir, args, 10_000);

/** Ctrl-C; resolves once npm is gone and the port refuses connections (the server really stopped). */
async function stop(started: Started) {
  await stopNpm(started);
  expect(started.output()).toContain("stopping");
  await expect(fetch(`${started.url}/v1/health`)).rejects.toThrow();
}

const mint = (role: string, org: string) =>
  promisify(execFile)("npm", ["run", "--silent", "token", "--", "--role", role, "--org", org], {
    env: childEnv(0),
  });
const token = async (role: string, org: string) => (await mint(role, org)).stdout.trim();

/** Runs a command to its end: exit code and everything it printed. */
const run = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });

describe("npm start", () => {
  it("serves health within 10 s, refuses requests without a token, accepts npm run token's token", async () => {
    const started = await start(["--in-memory"]);
    const { url, startedInMs, output } = started;
    expect(startedInMs).toBeLessThan(10_000);
    expect(output()).toContain("demo ids: region oost-nederland");
    expect(output()).toContain(`demo tender ${DEMO.tender.reference}: id ${DEMO.tender.id}`);
    expect(output()).toContain(`demo contract ${DEMO.contract.reference}: id ${DEMO.contract.id}`);
    expect(output()).not.toMatch(/NodeVersionSupportWarning|Warning:/);
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    // The console's address, printed for a browser: it asks a visitor to sign in first.
    expect(output()).toContain(`web console: ${url}/console/`);
    const consoleHome = await fetch(`${url}/console/`, { redirect: "manual" });
    expect(consoleHome.status).toBe(303);
    expect(consoleHome.headers.get("location")).toBe("/console/sign-in?returnTo=%2Fconsole%2F");
    const anonymous = await fetch(`${url}/v1/me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");

    const printed = await token("officer", "gm-zwolle");
    expect(printed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${printed}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { organisation: { id: string } }).organisation.id).toBe("gm-zwolle");
    const tender = await fetch(`${url}/v1/tenders/${DEMO.tender.id}`, {
      headers: { authorization: `Bearer ${printed}` },
    });
    expect(tender.status).toBe(200);
    await stop(started);
  }, 40_000);

  it("npm run token prints the token and nothing else (no SDK warning)", async () => {
    const { stdout, stderr } = await mint("admin", "op-platform");
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });

  it("says which port is taken and how to choose another, without a stack trace", async () => {
    // The blocker binds port 0 and keeps it: the port it got is taken for as long as the case runs.
    const blocker = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, output } = await run("npm", ["start", "--silent", "--", "--in-memory"], childEnv(port));
      expect(code).not.toBe(0);
      expect(output.trim()).toBe(
        `Port ${port} on 127.0.0.1 is already in use (another \`npm start\`, or another program).\n` +
          `Stop that, or choose another port: PORT=${port + 1} npm start`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 30_000);

  it("keeps data across a restart when persisted under DATA_DIR", async () => {
    const first = await start();
    const admin = await token("admin", "op-platform");
    const created = await fetch(`${first.url}/v1/regions`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ id: "regio-blijft", name: "Regio Blijft" }),
    });
    expect(created.status).toBe(201);
    await stop(first);

    const second = await start();
    expect(second.output()).toContain("demo data already present");
    const read = await fetch(`${second.url}/v1/regions/regio-blijft`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(read.status).toBe(200);
    await stop(second);
  }, 60_000);
});
