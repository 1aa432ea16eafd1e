import { afterAll, beforeAll } from "vitest";
import { operation } from "../../lib/operation.js";
import { seedSroiRules } from "../../lib/seed/sroi.js";
import { bidBody, DAY, tenderBody } from "../integration/tenders/support.js";
import { clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "./api.js";
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

/**
 * A tender evaluated through the API, as a committee would bring it there: created and published at
 * `start` by the officer of `token`, one bid per supplier at its price, opened once the deadline has
 * passed (the clock moves 15 days), every bid scored 7 on both criteria, and evaluated. Its id.
 */
export async function evaluatedTender(
  server: DemoServer,
  start: Date,
  token: string,
  reference: string,
  bids: readonly (readonly [supplier: string, price: number])[],
): Promise<string> {
  const expectStatus = async (
    answer: Promise<{ status: number; body: any }>,
    status: number,
    step: string,
  ) => {
    const { status: got, body } = await answer;
    if (got !== status) throw new Error(`${step}: ${got}, not ${status}: ${JSON.stringify(body)}`);
    return body;
  };
  clock.set(start);
  const created = await expectStatus(
    server.api("/v1/tenders", {
      method: "POST",
      token,
      json: tenderBody(start, { reference }),
      headers: { "idempotency-key": newKey() },
    }),
    201,
    "create",
  );
  const id = created.id as string;
  await expectStatus(server.api(`/v1/tenders/${id}/publish`, { method: "POST", token }), 200, "publish");
  for (const [supplier, price] of bids)
    await expectStatus(
      server.api(`/v1/tenders/${id}/bids`, {
        method: "POST",
        token: await tokenFor("supplier", supplier),
        json: bidBody(price),
      }),
      201,
      `bid of ${supplier}`,
    );
  clock.set(new Date(start.getTime() + 15 * DAY));
  await expectStatus(server.api(`/v1/tenders/${id}/open`, { method: "POST", token }), 200, "open");
  for (const [supplier] of bids)
    await expectStatus(
      server.api(`/v1/tenders/${id}/bids/${supplier}/scores`, {
        method: "PUT",
        token,
        json: {
          scores: [
            { criterionId: "plan", score: 7, justification: "Committee consensus." },
            { criterionId: "climate", score: 7, justification: "Committee consensus." },
          ],
        },
      }),
      200,
      `scores of ${supplier}`,
    );
  await expectStatus(
    server.api(`/v1/tenders/${id}/evaluation`, {
      method: "POST",
      token,
      headers: { "idempotency-key": newKey() },
    }),
    201,
    "evaluation",
  );
  return id;
}
