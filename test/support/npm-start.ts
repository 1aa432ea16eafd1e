import { type ChildProcess, spawn } from "node:child_process";

/**
 * `npm start` as a user runs it, for e2e tests: a child process group on PORT=0, so the system picks
 * a free port as it binds (no probe-then-release race with other runs); the URL is read back from
 * the line `npm start` prints.
 */

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

/** `npm start -- <args>` on a port the system picks; resolves once it printed its tokens (it listens then). */
export async function startNpm(dataDir: string, args: string[], waitMs: number): Promise<Started> {
  const began = Date.now();
  const child = spawn("npm", ["start", "--", ...args], {
    env: userEnv(dataDir, 0),
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
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  if (!url) throw new Error(`npm start printed no URL:\n${output}`);
  return { child, url, startedInMs: Date.now() - began, output: () => output };
}

/** Ctrl-C; resolves once npm is gone. */
export const stopNpm = (s: Started) =>
  new Promise<void>((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    s.child.once("exit", () => resolve());
    signalGroup(s.child, "SIGINT");
  });
