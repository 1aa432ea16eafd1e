/**
 * Console pages: how long the server takes to render a page beyond the API calls it makes. Each page is
 * requested in this process through the console's handler (session read, page, API calls in-process,
 * layout, HTML) as a signed-in demo user, one request after another; per request the time inside the
 * API's handlers and the console's own DynamoDB calls (the session) is taken off the total, leaving the
 * console's work: routing, the page's code, rendering.
 *
 *   npx tsx bench/console.ts      prints the table and the budgets; exits 1 when a budget is missed
 *
 * Budget: that remainder's median within CONSOLE_BUDGETS.renderMs for every page.
 */
import { fileURLToPath } from "node:url";
import type { HttpEvent, HttpResult } from "../lib/http/endpoint.js";
import type { RecordedCall } from "../lib/store/call-counter.js";
import { openBenchDatabase } from "./database.js";
import { type Budget, budget, report, type SuiteResult } from "./suite.js";

export interface ConsoleOptions {
  /** Measured requests per page, after `warmup` unmeasured ones. */
  requests: number;
  warmup: number;
  budgets: boolean;
}

export const CONSOLE_DEFAULTS: ConsoleOptions = { requests: 200, warmup: 20, budgets: true };

export const CONSOLE_BUDGETS = {
  /** Median ms of a page's own work (everything but the API's handlers and the session read). */
  renderMs: 5,
} as const;

interface Interval {
  startMs: number;
  endMs: number;
}

/** The time covered by some intervals, overlaps counted once (API calls sent together). */
export function coveredMs(intervals: readonly Interval[]): number {
  let total = 0;
  let until = Number.NEGATIVE_INFINITY;
  for (const { startMs, endMs } of [...intervals].sort((a, b) => a.startMs - b.startMs)) {
    const from = Math.max(startMs, until);
    if (endMs > from) total += endMs - from;
    until = Math.max(until, endMs);
  }
  return total;
}

const within = (call: RecordedCall, spans: readonly Interval[]) =>
  spans.some((s) => call.startMs >= s.startMs && call.endMs <= s.endMs);

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function runConsoleSuite(options: Partial<ConsoleOptions> = {}): Promise<SuiteResult> {
  const o = { ...CONSOLE_DEFAULTS, ...options };
  const database = await openBenchDatabase("bench-console");
  try {
    const { invoke } = await import("../functions/local.js");
    const { consoleHandler } = await import("../lib/console/handler.js");
    const { CONSOLE_NAV, CONSOLE_PAGES } = await import("../lib/console/pages.js");
    const { developmentSignIn, DEMO_SIGN_INS } = await import("../lib/console/dev-sign-in.js");
    const { SESSION_COOKIE } = await import("../lib/console/session.js");
    const { toApiGatewayEvent } = await import("../lib/local/event.js");
    const { DEMO } = await import("../lib/seed/demo-ids.js");
    const { counter } = database;

    // The API's handlers, each call's span recorded for the request being measured.
    let apiSpans: Interval[] = [];
    const api = async (event: HttpEvent): Promise<HttpResult> => {
      const startMs = performance.now();
      try {
        return await invoke(event);
      } finally {
        apiSpans.push({ startMs, endMs: performance.now() });
      }
    };
    const handler = consoleHandler({
      invoke: api,
      pages: CONSOLE_PAGES,
      nav: CONSOLE_NAV,
      signIn: developmentSignIn(process.env.DEV_SIGNING_KEY!),
    });
    const request = (method: string, url: string, headers: Record<string, string>, body?: string) =>
      handler(toApiGatewayEvent({ method, url, headers: { host: "bench.local", ...headers }, body }));

    const sessions = new Map<string, string>();
    const signIn = async (role: string, org: string) => {
      const index = DEMO_SIGN_INS.findIndex((c) => c.role === role && c.org === org);
      const answer = await request(
        "POST",
        "/console/sign-in",
        { "content-type": "application/x-www-form-urlencoded" },
        `identity=${index}&returnTo=%2Fconsole%2F`,
      );
      const cookie = answer.cookies?.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      if (!cookie) throw new Error(`signing in as ${role} of ${org} failed (${answer.statusCode})`);
      return cookie.split(";")[0]!;
    };
    const cookieOf = async (role: string, org: string) => {
      const key = `${role} ${org}`;
      if (!sessions.has(key)) sessions.set(key, await signIn(role, org));
      return sessions.get(key)!;
    };

    const pages: { name: string; path: string; role?: string; org?: string }[] = [
      { name: "sign-in page", path: "/console/sign-in" },
      { name: "home, officer", path: "/console/", role: "officer", org: DEMO.municipalities[0] },
      { name: "home, supplier", path: "/console/", role: "supplier", org: DEMO.suppliers[0] },
      { name: "home, auditor", path: "/console/", role: "auditor", org: DEMO.regionBody },
      { name: "home, admin", path: "/console/", role: "admin", org: DEMO.operator },
      {
        name: "contracts list, officer",
        path: "/console/contracts",
        role: "officer",
        org: DEMO.municipalities[0],
      },
      {
        name: "contract with its balance, officer",
        path: `/console/contracts/${DEMO.contract.id}`,
        role: "officer",
        org: DEMO.municipalities[0],
      },
      {
        name: "tender evaluation, officer",
        path: `/console/tenders/${DEMO.tender.id}/lots/1/evaluation`,
        role: "officer",
        org: DEMO.municipalities[0],
      },
      { name: "review queue, auditor", path: "/console/reviews", role: "auditor", org: DEMO.regionBody },
      { name: "region dashboard, auditor", path: "/console/region", role: "auditor", org: DEMO.regionBody },
    ];

    const rows: SuiteResult["rows"] = [];
    const budgets: Budget[] = [];
    for (const page of pages) {
      const headers: Record<string, string> = page.role
        ? { cookie: await cookieOf(page.role, page.org!) }
        : {};
      const totals: number[] = [];
      const apiMs: number[] = [];
      const sessionMs: number[] = [];
      const ownMs: number[] = [];
      const apiCalls: number[] = [];
      let bytes = 0;
      for (let i = 0; i < o.warmup + o.requests; i++) {
        apiSpans = [];
        const startMs = performance.now();
        const { result, calls } = await counter.counted(() => request("GET", page.path, headers));
        const total = performance.now() - startMs;
        if (result.statusCode !== 200)
          throw new Error(`${page.name}: ${page.path} answered ${result.statusCode}`);
        if (i < o.warmup) continue;
        const own = calls.filter((c) => !within(c, apiSpans));
        const api = coveredMs(apiSpans);
        const session = coveredMs(own);
        totals.push(total);
        apiMs.push(api);
        sessionMs.push(session);
        ownMs.push(total - coveredMs([...apiSpans, ...own]));
        apiCalls.push(apiSpans.length);
        bytes = Buffer.byteLength(result.body ?? "");
      }
      const render = median(ownMs);
      rows.push({
        page: page.name,
        apiCalls: median(apiCalls),
        totalMs: round(median(totals)),
        apiMs: round(median(apiMs)),
        sessionMs: round(median(sessionMs)),
        renderMs: round(render),
        renderP99Ms: round([...ownMs].sort((a, b) => a - b)[Math.ceil(ownMs.length * 0.99) - 1]!),
        htmlKB: round(bytes / 1024, 1),
      });
      if (o.budgets)
        budgets.push(
          budget(
            `${page.name}: render beyond the API, median`,
            round(render),
            CONSOLE_BUDGETS.renderMs,
            "ms",
          ),
        );
    }
    return {
      suite: "console",
      rows,
      budgets,
      notes: [
        `${o.requests} requests per page after ${o.warmup} unmeasured, one at a time, in this process through the console's handler (no HTTP)`,
        "apiMs: time inside the API's handlers the page called (in-process, as deployed); sessionMs: the console's own DynamoDB calls (the session item); renderMs: the rest (routing, the page's code, rendering the HTML)",
      ],
    };
  } finally {
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runConsoleSuite();
  console.log(report(result));
  if (result.budgets.some((b) => !b.met)) process.exitCode = 1;
}
