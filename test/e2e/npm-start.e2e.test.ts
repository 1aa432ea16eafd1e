import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO } from "../../lib/seed/demo-ids.js";

/** The README's promise, literally: `npm start` serves the API, `npm run token` mints a token it accepts. */
const dataDir = mkdtempSync(join(tmpdir(), "impact-start-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) signalGroup(child, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** Like Ctrl-C in a terminal: the signal goes to the whole process group (npm, sh, tsx, node). */
const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const childEnv = (port: number) => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  // The test set-up silences the SDK's Node version warning in this process; the children must do it themselves.
  for (const name of [
    "DYNAMODB_ENDPOINT",
    "TABLE_NAME",
    "DEV_SIGNING_KEY",
    "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED",
  ])
    delete env[name];
  return env;
};

async function start(
  args: string[] = [],
): Promise<{ child: ChildProcess; url: string; startedInMs: number; output: () => string }> {
  const port = await freePort();
  const began = Date.now();
  const child = spawn("npm", ["start", "--", ...args], {
    env: childEnv(port),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start did not listen within 10 s:\n${output}`)),
      10_000,
    );
    child.stdout!.on("data", () => {
      if (output.includes("tokens (8h")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, startedInMs: Date.now() - began, output: () => output };
}

/** Ctrl-C; resolves once npm is gone and the port refuses connections (the server really stopped). */
async function stop(started: { child: ChildProcess; url: string; output: () => string }) {
  await new Promise<void>((resolve) => {
    started.child.once("exit", () => resolve());
    signalGroup(started.child, "SIGINT");
  });
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
    const port = await freePort();
    const blocker = createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
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
