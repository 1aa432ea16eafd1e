import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOpenApi } from "../../../functions/scripts/openapi.js";

/**
 * A client generated from the document: openapi-typescript writes the types, and a small client
 * walking the README's flow (identity, regions and organisations, audit, scoring, tenders and their
 * evaluation, social return, contracts) must type-check against them, while misuses must not.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "openapi-client-"));

/** A typed fetch over the generated `paths`: path, query and body types, and the success body. */
const CLIENT = `import type { components, paths } from "./api.js";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Success<O> = O extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201>]> : never;
type Params<O> = O extends { parameters: { path: infer P } } ? P : never;
type Query<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type Body<O> = O extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

interface Call<O> {
  token?: string;
  params?: Params<O>;
  query?: Query<O>;
  body?: Body<O>;
  idempotencyKey?: string;
}

export async function api<P extends keyof paths, M extends Method>(
  base: string,
  method: M,
  path: P,
  call: Call<Operation<P, M>> = {},
): Promise<Success<Operation<P, M>>> {
  const params = (call.params ?? {}) as Record<string, string>;
  const url = new URL(String(path).replace(/\\{(\\w+)\\}/g, (_, name: string) => encodeURIComponent(params[name]!)), base);
  for (const [key, value] of Object.entries((call.query ?? {}) as Record<string, unknown>))
    if (value !== undefined) url.searchParams.set(key, String(value));
  const headers: Record<string, string> = {};
  if (call.token) headers.authorization = "Bearer " + call.token;
  if (call.idempotencyKey) headers["idempotency-key"] = call.idempotencyKey;
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method: method.toUpperCase(),
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  if (!response.ok) throw new Error(method + " " + String(path) + ": " + response.status);
  return (await response.json()) as Success<Operation<P, M>>;
}

type Money = components["schemas"]["Money"];

/** The README's walk-through, typed. */
export async function readmeFlow(API: string, ADMIN: string, OFFICER: string, SUPPLIER: string) {
  const health = await api(API, "get", "/v1/health");
  const status: "ok" = health.status;

  const me = await api(API, "get", "/v1/me", { token: OFFICER });
  const organisationId: string = me.organisation.id;

  const region = await api(API, "post", "/v1/regions", {
    token: ADMIN,
    idempotencyKey: "7f1c0e5a-region-west",
    body: { id: "regio-west", name: "Regio West" },
  });
  await api(API, "post", "/v1/organisations", {
    token: ADMIN,
    body: { id: "gm-leiden", kind: "municipality", name: "Gemeente Leiden", regionId: region.id },
  });
  const suppliers = await api(API, "get", "/v1/organisations", {
    token: ADMIN,
    query: { kind: "supplier", limit: 2 },
  });
  const next: string | null = suppliers.nextCursor;
  const audit = await api(API, "get", "/v1/audit", { token: ADMIN, query: { entity: "region:regio-west" } });

  const price = (amount: number): Money => ({ amount, currency: "EUR" });
  const simulation = await api(API, "post", "/v1/scoring/simulate", {
    token: OFFICER,
    body: {
      awardModel: {
        method: "weighted-points",
        price: { formula: "absolute-linear", maxPoints: 40, bounds: { min: price(1500000), max: price(3500000) } },
        criteria: [{ id: "plan", name: "Plan van aanpak", scale: { min: 0, max: 10 }, maxPoints: 60, minimumScore: 4 }],
        tieBreakers: ["higher-quality", "lower-price"],
      },
      bids: [
        { id: "A", price: price(2000000), qualityScores: { plan: 6 } },
        { id: "B", price: price(1900000), qualityScores: { plan: 5 } },
      ],
    },
  });
  const winner: string | undefined = simulation.ranking[0]?.bidId;

  const tenders = await api(API, "get", "/v1/tenders", { token: OFFICER, query: { reference: "ZW-DEMO-2026-001" } });
  const tenderId: string = tenders.items[0]!.id;
  await api(API, "get", "/v1/tenders/{tenderId}/evaluation", { token: OFFICER, params: { tenderId } });
  await api(API, "get", "/v1/tenders/{tenderId}/evaluation", {
    token: OFFICER,
    params: { tenderId },
    query: { verify: "true" },
  });

  const obligation = await api(API, "post", "/v1/sroi/obligation", {
    token: OFFICER,
    body: { regionId: "oost-nederland", contract: { value: price(1200000), type: "services" } },
  });
  const applies: boolean = obligation.applies;

  const contract = await api(API, "post", "/v1/contracts", {
    token: OFFICER,
    idempotencyKey: "reg-zw-2025-100",
    body: {
      reference: "ZW-2025-100",
      title: "Groenonderhoud",
      supplierId: "sup-ijsselbouw",
      type: "services",
      value: price(1000000),
      startDate: "2025-01-01",
      endDate: "2026-12-31",
    },
  });
  await api(API, "get", "/v1/contracts/{contractId}", { token: OFFICER, params: { contractId: contract.id } });
  const own = await api(API, "get", "/v1/contracts", { token: SUPPLIER });
  return { status, organisationId, next, audit, winner, applies, own: own.items.length };
}

/** What the types must refuse: each line is an error, or tsc reports the unused directive. */
export async function misuses(API: string, token: string) {
  const me = await api(API, "get", "/v1/me", { token });
  // @ts-expect-error no such field in the documented response
  me.nickname;
  // @ts-expect-error a role the API does not have
  const role: "mayor" = me.role;
  // @ts-expect-error an organisation kind outside the enum
  await api(API, "post", "/v1/organisations", { token, body: { kind: "club", name: "X", regionId: "r" } });
  // @ts-expect-error money is an object with amount and currency, not a number
  await api(API, "post", "/v1/sroi/obligation", { token, body: { regionId: "r", contract: { value: 5, type: "services" } } });
  // @ts-expect-error the path parameter is tenderId
  await api(API, "get", "/v1/tenders/{tenderId}", { token, params: { id: "x" } });
  // @ts-expect-error no such route
  await api(API, "get", "/v1/tenderz", { token });
  return role;
}
`;

function typeCheck(files: Record<string, string>): string[] {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const program = ts.createProgram([join(dir, "client.ts")], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts"],
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules/@types")],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file?.fileName.replace(dir, "") ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
}

let types: string;
beforeAll(async () => {
  types = astToString(await openapiTS((await generateOpenApi()) as never));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a client generated from the OpenAPI document (openapi-typescript)", () => {
  it("type-checks the README's flow with the generated types, and refuses each misuse", {
    timeout: 60_000,
  }, () => {
    expect(types).toContain('"/v1/tenders/{tenderId}/evaluation"');
    expect(typeCheck({ "api.d.ts": types, "client.ts": CLIENT })).toEqual([]);
  });

  it("fails when a call does not fit the document (the check is not vacuous)", { timeout: 60_000 }, () => {
    const wrong = CLIENT.replace(
      'body: { id: "regio-west", name: "Regio West" }',
      'body: { id: "regio-west" }',
    );
    expect(wrong).not.toBe(CLIENT);
    const errors = typeCheck({ "api.d.ts": types, "client.ts": wrong });
    expect(errors.join("\n")).toMatch(/name/);
  });
});
