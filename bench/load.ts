/**
 * A closed-loop load generator in a child process: `concurrency` clients, each sending its next
 * request as soon as the last one is answered, until `requests` are done. In a process of its own, the
 * clients' work (fetch, parsing) neither waits in the server's event loop nor counts in the server
 * process's CPU time. One process serves every load of a suite (started once, jobs over IPC); plain
 * JavaScript, so it runs the same under tsx and vitest.
 */
import { type ChildProcess, spawn } from "node:child_process";

export interface LoadRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Per request, in the order they finished. */
  latenciesMs: number[];
  /** The response headers named in `collect`, per request (null when absent). */
  collected: Record<string, (string | null)[]>;
  statuses: number[];
  elapsedMs: number;
}

export interface LoadOptions {
  concurrency: number;
  requests: number;
  /** Response headers to collect from every request. */
  collect?: string[];
}

export interface LoadGenerator {
  /** Sends `requests` copies of `request` from `concurrency` clients at once; one load at a time. */
  run(request: LoadRequest, options: LoadOptions): Promise<LoadResult>;
  close(): Promise<void>;
}

const CLIENT = `
async function load({ request, concurrency, requests, collect }) {
  const result = { latenciesMs: [], collected: Object.fromEntries(collect.map((h) => [h, []])), statuses: [] };
  let sent = 0;
  async function client() {
    while (sent < requests) {
      sent++;
      const began = performance.now();
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
      await response.arrayBuffer();
      result.latenciesMs.push(performance.now() - began);
      result.statuses.push(response.status);
      for (const h of collect) result.collected[h].push(response.headers.get(h));
    }
  }
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  return { ...result, elapsedMs: performance.now() - began };
}
process.on("message", (job) =>
  load(job).then(
    (result) => process.send({ result }),
    (error) => process.send({ error: String((error && error.stack) || error) }),
  ),
);
process.on("disconnect", () => process.exit(0));
`;

export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = spawn(process.execPath, ["-e", CLIENT], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    run(request, options) {
      return new Promise<LoadResult>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
        child.once("exit", onExit);
        child.once("message", (message: { result?: LoadResult; error?: string }) => {
          child.off("exit", onExit);
          if (message.error) reject(new Error(`load generator: ${message.error}`));
          else resolve(message.result!);
        });
        child.send({ request, ...options, collect: options.collect ?? [] });
      });
    },
    async close() {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

/** The value below which `p` percent of the values lie (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
