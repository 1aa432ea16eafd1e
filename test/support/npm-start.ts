import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** `npm start` as a user runs it, for e2e tests: a child process group on a free port. */

/** A port nothing listens on: bind port 0, read back the port the system chose, release it. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Like Ctrl-C in a terminal: the signal goes to the whole process group (npm, sh, tsx, node). */
export const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
};

/**
 * The environment of a user's shell: the data folder and port, none of this test process's own
 * store settings, and without the SDK-warning switch the test set-up sets here (the children must
 * set it themselves).
 */
export function userEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  for (const name of [
    "DYNAMODB_ENDPOINT",
    "TABLE_NAME",
    "DEV_SIGNING_KEY",
    "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED",
  ])
    delete env[name];
  return env;
}

export interface Started {
  child: ChildProcess;
  url: string;
  startedInMs: number;
  output: () => string;
}

const started: ChildProcess[] = [];

/** Kills what startNpm started and is still running (for afterAll). */
export const killStarted = () => {
  for (const child of started) if (child.exitCode === null) signalGroup(child, "SIGKILL");
};

/** `npm start -- <args>` on a free port; resolves once it printed its tokens (it listens then). */
export async function startNpm(dataDir: string, args: string[], waitMs: number): Promise<Started> {
  const port = await freePort();
  const began = Date.now();
  const child = spawn("npm", ["start", "--", ...args], {
    env: userEnv(dataDir, port),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start did not listen within ${waitMs / 1000} s:\n${output}`)),
      waitMs,
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

/** Ctrl-C; resolves once npm is gone. */
export const stopNpm = (s: Started) =>
  new Promise<void>((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    s.child.once("exit", () => resolve());
    signalGroup(s.child, "SIGINT");
  });
