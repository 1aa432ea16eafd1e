import { afterAll, beforeAll } from "vitest";
import { operation } from "../../lib/operation.js";
import { seedSroiRules } from "../../lib/seed/sroi.js";
import { clock, DEMO, type DemoTokens, seedDemo } from "./api.js";
import { http, startTestServer } from "./http-server.js";

export interface DemoServer {
  /** The server's base URL and the demo identities' tokens, set before the file's tests run. */
  url: string;
  tokens: DemoTokens;
  /** A request to a path of the server, as a client would make it (checked like every e2e response). */
  api: <T = any>(path: string, init?: Parameters<typeof http>[1]) => ReturnType<typeof http<T>>;
}

/** The demo data and the social-return rules (seeded as operation `label` at `at`): the tokens. */
export async function seedDemoWithRules(at: Date, label: string): Promise<DemoTokens> {
  const tokens = await seedDemo();
  const admin = { sub: "test", role: "admin" as const, orgId: DEMO.operator, regionId: null };
  await seedSroiRules(operation(admin, at, label));
  return tokens;
}

/**
 * An e2e file's set-up for a whole flow: the clock at `start`, the demo data and the social-return rules
 * seeded (as operation `label`), and the local HTTP server listening; all undone after the file.
 */
export function useDemoServer(start: Date, label: string): DemoServer {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  const demo = {
    api: (path: string, init: Parameters<typeof http>[1] = {}) => http(`${demo.url}${path}`, init),
  } as DemoServer;
  beforeAll(async () => {
    clock.set(start);
    demo.tokens = await seedDemoWithRules(start, label);
    server = await startTestServer();
    demo.url = server.url;
  });
  afterAll(async () => {
    clock.reset();
    await server?.close();
  });
  return demo;
}
