/**
 * The floors of the api suite's budgets: what the simulation and the balance cost with nothing of their
 * own left, served by the bench's server beside the real routes and loaded the same way, so each budget
 * is read against a floor measured in the same run. Both start as `GET /v1/me` (the same
 * authentication, middleware and logging, the figure the budgets are ratios to) and add only what the
 * route cannot do without:
 *
 *   simulation   reading the same 10-bid body, the BSN scan and schema validation every body gets, and
 *                writing the same answer (the engine's, computed once before the run); no scoring
 *   balance      the one BatchGetItem the balance route makes on a warm container, with the same keys;
 *                no computing, the answer `me`'s
 *
 * A budget below its floor cannot be met by any code of the route.
 */
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import type { HttpEvent, HttpResult } from "../lib/http/endpoint.js";
import type { Invoke } from "../lib/local/server.js";
import type { CallCounter } from "../lib/store/call-counter.js";
import { db } from "../lib/store/client.js";
import { refuseBsnIn } from "../lib/domain/sroi/bsn.js";
import { simulateRequestSchema } from "../lib/schemas/scoring.js";

export const FLOOR_PATHS = { simulate: "/bench/floor/simulate", balance: "/bench/floor/balance" } as const;

/** The same request as `GET /v1/me`: its route, no body, the caller's own headers. */
function asMe(event: HttpEvent): HttpEvent {
  const { body: _body, ...rest } = event;
  const routeKey = "GET /v1/me";
  return {
    ...rest,
    routeKey,
    rawPath: "/v1/me",
    rawQueryString: "",
    requestContext: {
      ...event.requestContext,
      routeKey,
      http: { ...event.requestContext.http, method: "GET", path: "/v1/me" },
    },
  };
}

function expectOk(result: HttpResult, what: string): HttpResult {
  if (result.statusCode !== 200) throw new Error(`${what} answered ${result.statusCode}: ${result.body}`);
  return result;
}

/**
 * Wraps `invoke` so that it also answers the floors' paths. The simulation's answer and the balance's
 * keys are taken from one real request of each, sent here first (`simulation` and `balance`, already
 * authenticated), the balance's twice, so its keys are those of a warm container.
 */
export async function withFloors(
  invoke: Invoke,
  counter: CallCounter,
  requests: { simulation: HttpEvent; balance: HttpEvent },
): Promise<Invoke> {
  const answer = JSON.parse(expectOk(await invoke(requests.simulation), "simulate").body!) as unknown;
  expectOk(await invoke(requests.balance), "balance");
  const { calls } = await counter.counted(async () => expectOk(await invoke(requests.balance), "balance"));
  if (calls.length !== 1 || !calls[0]!.command.startsWith("BatchGet"))
    throw new Error(
      `the balance floor expects one BatchGetItem, the route made ${calls.map((c) => c.command)}`,
    );
  const keys = calls[0]!.input as ConstructorParameters<typeof BatchGetCommand>[0];

  return async (event) => {
    if (event.rawPath === FLOOR_PATHS.simulate) {
      const me = expectOk(await invoke(asMe(event)), "me");
      const body = JSON.parse(event.body ?? "") as unknown;
      refuseBsnIn(body, "body");
      simulateRequestSchema.parse(body);
      return { ...me, body: JSON.stringify(answer) };
    }
    if (event.rawPath === FLOOR_PATHS.balance) {
      const me = expectOk(await invoke(asMe(event)), "me");
      await db.send(new BatchGetCommand(keys));
      return me;
    }
    return invoke(event);
  };
}
