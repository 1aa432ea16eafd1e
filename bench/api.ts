/**
 * API latency: the local HTTP server (lib/local/server.ts, the deployed handler exports) in this
 * process on a dynalite, loaded by `concurrency` clients in a child process (bench/load.ts). Per route:
 * p50 and p99 latency, throughput, and the DynamoDB calls of each request (all of them, and those one
 * after another); once as is and once with every DynamoDB call delayed by 10 ms, roughly a round trip
 * in AWS, side by side. The requests are sent in rounds, each loading every route in turn, so a slow
 * moment of the machine falls on all routes alike rather than on whichever was loaded then.
 *
 *   npx tsx bench/api.ts      prints the table and the budgets; exits 1 when a budget is missed
 *
 * Budgets, against `GET /v1/me` (authentication and nothing else) measured in the same run, without
 * added latency: a simulation of 10 bids answers within 2× its median, a contract balance within 2×
 * its p99. Each is printed with its floor (bench/api-floors.ts), loaded beside it: `me` plus only what
 * the route cannot do without. With added latency the figures show the round trips instead (the
 * `sequential` column).
 */
import { fileURLToPath } from "node:url";
import type { RecordedCall } from "../lib/store/call-counter.js";
import { openBenchDatabase } from "./database.js";
import { type LoadRequest, percentile, startLoadGenerator } from "./load.js";
import { type Budget, budget, report, rotated, type SuiteResult } from "./suite.js";

export interface ApiOptions {
  /** Measured requests per route and latency, in `rounds` equal parts, after `warmup` unmeasured ones. */
  requests: number;
  warmup: number;
  /**
   * Each round loads every route once, one after another (starting one route later each round), so the
   * routes compared in a budget are measured side by side over the same stretch of time.
   */
  rounds: number;
  concurrency: number;
  /** Added to every DynamoDB call, one measurement each. */
  latenciesMs: number[];
  /** Bids in the simulation, and quality criteria of its award model. */
  bids: number;
  criteria: number;
  /** Check the budgets (off for the smoke test, which sends a handful of requests). */
  budgets: boolean;
}

export const API_DEFAULTS: ApiOptions = {
  requests: 1000,
  // Enough for the engine's code to be compiled optimised before the measured requests, as in a warm
  // container (with 40, its JIT compilation was still counted in the simulation's figures).
  warmup: 200,
  rounds: 5,
  concurrency: 10,
  latenciesMs: [0, 10],
  bids: 10,
  criteria: 5,
  budgets: true,
};

export const API_BUDGETS = {
  /** simulate p50 ≤ this × me p50 */
  simulateP50TimesMe: 2,
  /** balance p99 ≤ this × me p99 */
  balanceP99TimesMe: 2,
} as const;

const CALLS = "x-dynamodb-calls";
const SEQUENTIAL = "x-dynamodb-sequential";

const SIMULATE_FLOOR = "floor of simulate: me + body + answer";
const BALANCE = "GET /v1/contracts/{id}/balance";
const BALANCE_FLOOR = "floor of balance: me + its BatchGetItem";

interface Route {
  name: string;
  request: (url: string) => LoadRequest;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** What the rounds of one route and latency measured, pooled. */
interface Measure {
  latenciesMs: number[];
  /** Each round's p50: how far the figure moved over the run. */
  roundP50s: number[];
  collected: Record<string, number[]>;
  elapsedMs: number;
  cpuMs: number;
}

/** The response headers read from every request. */
const COLLECTED = [CALLS, SEQUENTIAL];

const emptyMeasure = (): Measure => ({
  latenciesMs: [],
  roundP50s: [],
  collected: Object.fromEntries(COLLECTED.map((header) => [header, []])),
  elapsedMs: 0,
  cpuMs: 0,
});

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The calls of a request as two response headers, so the load generator reads them per request. */
function callHeaders(calls: readonly RecordedCall[], sequential: number): Record<string, string> {
  return { [CALLS]: String(calls.length), [SEQUENTIAL]: String(sequential) };
}

export async function runApiSuite(options: Partial<ApiOptions> = {}): Promise<SuiteResult> {
  const o = { ...API_DEFAULTS, ...options };
  const database = await openBenchDatabase("bench-api");
  const { invoke } = await import("../functions/local.js");
  const { startHttpServer } = await import("../lib/local/server.js");
  const { sequentialCalls } = await import("../lib/store/call-counter.js");
  const { DEMO } = await import("../lib/seed/demo-ids.js");
  // Loads the store (the reference tables it names): only once the database is set.
  const { benchInput } = await import("./workload.js");
  const { toApiGatewayEvent } = await import("../lib/local/event.js");
  const SIMULATE = `POST /v1/scoring/simulate (${o.bids} bids)`;
  const { FLOOR_PATHS, withFloors } = await import("./api-floors.js");
  const { counter } = database;
  // The officer of the demo contract's buying municipality: it sees the contract and lists it.
  const officer = await database.token("officer", DEMO.municipalities[0]);
  const auth = { authorization: `Bearer ${officer}` };
  const simulation = JSON.stringify(benchInput("relative-lowest", o.bids, o.criteria));
  const simulate = {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: simulation,
  };
  const balancePath = `/v1/contracts/${DEMO.contract.id}/balance`;
  const served = await withFloors(invoke, counter, {
    simulation: toApiGatewayEvent({ ...simulate, url: "/v1/scoring/simulate" }),
    balance: toApiGatewayEvent({ method: "GET", url: balancePath, headers: auth }),
  });
  const { server, url } = await startHttpServer({
    port: 0,
    invoke: async (event) => {
      const { result, calls } = await counter.counted(() => served(event));
      return { ...result, headers: { ...result.headers, ...callHeaders(calls, sequentialCalls(calls)) } };
    },
  });
  const generator = startLoadGenerator();
  try {
    const routes: Route[] = [
      { name: "GET /v1/health", request: (u) => ({ method: "GET", url: `${u}/v1/health`, headers: {} }) },
      { name: "GET /v1/me", request: (u) => ({ method: "GET", url: `${u}/v1/me`, headers: auth }) },
      { name: SIMULATE, request: (u) => ({ ...simulate, url: `${u}/v1/scoring/simulate` }) },
      { name: SIMULATE_FLOOR, request: (u) => ({ ...simulate, url: `${u}${FLOOR_PATHS.simulate}` }) },
      { name: BALANCE, request: (u) => ({ method: "GET", url: `${u}${balancePath}`, headers: auth }) },
      {
        name: BALANCE_FLOOR,
        request: (u) => ({ method: "GET", url: `${u}${FLOOR_PATHS.balance}`, headers: auth }),
      },
      {
        name: "GET /v1/contracts",
        request: (u) => ({ method: "GET", url: `${u}/v1/contracts`, headers: auth }),
      },
    ];

    const rows = new Map<string, SuiteResult["rows"][number]>(routes.map((r) => [r.name, { route: r.name }]));
    const figures = new Map<string, { p50: number; p99: number }>();
    const load = { concurrency: o.concurrency, collect: COLLECTED };
    const perRound = Math.max(1, Math.round(o.requests / o.rounds));
    const measuredRequests = perRound * o.rounds;
    for (const latency of o.latenciesMs) {
      counter.latencyMs = latency;
      for (const route of routes)
        if (o.warmup > 0) await generator.run(route.request(url), { ...load, requests: o.warmup });
      const measured = new Map(routes.map((r) => [r.name, emptyMeasure()]));
      for (let round = 0; round < o.rounds; round++)
        for (const route of rotated(routes, round)) {
          const cpu = process.cpuUsage();
          const result = await generator.run(route.request(url), { ...load, requests: perRound });
          const { user, system } = process.cpuUsage(cpu);
          const failed = result.statuses.filter((s) => s !== 200);
          if (failed.length > 0)
            throw new Error(`${route.name}: ${failed.length} of ${perRound} answered ${failed[0]}, not 200`);
          const m = measured.get(route.name)!;
          m.latenciesMs.push(...result.latenciesMs);
          m.roundP50s.push(percentile(result.latenciesMs, 50));
          for (const header of COLLECTED) m.collected[header]!.push(...result.collected[header]!.map(Number));
          m.elapsedMs += result.elapsedMs;
          m.cpuMs += (user + system) / 1000;
        }
      for (const route of routes) {
        const m = measured.get(route.name)!;
        const requests = m.latenciesMs.length;
        const p50 = percentile(m.latenciesMs, 50);
        const p99 = percentile(m.latenciesMs, 99);
        figures.set(`${route.name}@${latency}`, { p50, p99 });
        const at = `@${latency}ms`;
        Object.assign(rows.get(route.name)!, {
          ...(latency === o.latenciesMs[0]
            ? {
                calls: median(m.collected[CALLS]!),
                callsMax: Math.max(...m.collected[CALLS]!),
                sequential: median(m.collected[SEQUENTIAL]!),
              }
            : {}),
          [`p50${at}`]: round(p50),
          [`rounds${at}`]: `${round(Math.min(...m.roundP50s))}–${round(Math.max(...m.roundP50s))}`,
          [`p99${at}`]: round(p99),
          [`req/s${at}`]: Math.round((requests / m.elapsedMs) * 1000),
          [`cpu${at}`]: round(m.cpuMs / requests, 2),
        });
      }
    }

    const budgets: Budget[] = [];
    const base = o.latenciesMs[0]!;
    const at = (route: string) => figures.get(`${route}@${base}`)!;
    const me = at("GET /v1/me");
    if (o.budgets) {
      budgets.push(
        budget(
          `simulate (${o.bids} bids) p50 ≤ ${API_BUDGETS.simulateP50TimesMe}× me p50 (${round(me.p50)} ms), concurrency ${o.concurrency}`,
          round(at(SIMULATE).p50),
          round(API_BUDGETS.simulateP50TimesMe * me.p50),
          "ms",
          {
            what: "me + the same body read, scanned and validated + the same answer written",
            measured: round(at(SIMULATE_FLOOR).p50),
          },
        ),
        budget(
          `balance p99 ≤ ${API_BUDGETS.balanceP99TimesMe}× me p99 (${round(me.p99)} ms), concurrency ${o.concurrency}`,
          round(at(BALANCE).p99),
          round(API_BUDGETS.balanceP99TimesMe * me.p99),
          "ms",
          { what: "me + the route's one BatchGetItem", measured: round(at(BALANCE_FLOOR).p99) },
        ),
      );
    }
    return {
      suite: "api",
      rows: [...rows.values()],
      budgets,
      notes: [
        `${measuredRequests} requests per route and latency after ${o.warmup} unmeasured, from ${o.concurrency} clients at once in a child process, in ${o.rounds} rounds that load every route in turn; latencies in ms as the clients measure them (HTTP included), p50 and p99 over all rounds`,
        "rounds: the lowest and highest p50 of a single round, how much the figure moved during the run",
        "cpu: CPU time (ms) of this process per request: the HTTP server, the handlers and the DynamoDB client (dynalite runs in a process of its own); on a busy machine the latencies grow, the CPU time much less",
        "calls: DynamoDB calls per request (median; callsMax the most); sequential: those one after another (calls sent together count once), which the added latency multiplies",
        `@Nms: every DynamoDB call delayed by N ms; the budgets are checked at ${base} ms, as ratios to GET /v1/me in the same run`,
        "floor of …: GET /v1/me plus only what the route cannot do without (bench/api-floors.ts); a budget below its floor cannot be met by the route's code",
      ],
    };
  } finally {
    await generator.close();
    counter.latencyMs = 0;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runApiSuite();
  console.log(report(result));
  if (result.budgets.some((b) => !b.met)) process.exitCode = 1;
}
