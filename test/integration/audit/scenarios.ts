import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { expect } from "vitest";
import { isAuditEvent } from "../../../lib/entities/audit-event.js";
import type { RouteKey } from "../../../lib/http/routes.js";
import { db } from "../../../lib/store/client.js";
import { tableName } from "../../../lib/store/table.js";
import {
  type ApiResponse,
  type CallOptions,
  call,
  clock,
  DEMO,
  type DemoTokens,
  newKey,
  seedDemo,
  tokenFor,
} from "../../support/api.js";
import { holdLocalJobs } from "../../../lib/jobs/local.js";
import { useUserDirectory } from "../../../lib/orgs/user-directory.js";
import { contractOnBase, eur, newContract, policyBody as policyBodyOf } from "../sroi/support.js";
import { bidBody, DAY, tenderBody } from "../tenders/support.js";

/**
 * One scenario per mutating route: it builds fresh state for the route (every call makes new entities,
 * so a scenario can run many times in one table), and says which request performs the route and which
 * entities that request changes. The audit tests perform the request and check the trail of each entity.
 */

/** An entity the request changed, as `<kind>:<id>`; the action defaults to the one the route declares. */
export interface Change {
  entity: string;
  action?: string;
}

export interface Prepared {
  /** The concrete path (the method comes from the route key). */
  path: string;
  options: CallOptions;
  changes: (response: ApiResponse) => Change[];
}

export type Scenario = () => Promise<Prepared>;

/** Every scenario starts at this instant; tender scenarios move the clock forward from it. */
export const START = new Date("2026-05-04T08:00:00Z");
const [s1, s2] = DEMO.suppliers;

interface World {
  tokens: DemoTokens;
  /** Supplier of the tenders' second bid, and of the contracts `newContract` registers. */
  supplier2: string;
}
let world: Promise<World> | undefined;

/** The demo data and tokens, seeded once per test file (each file has its own table). */
export function setUp(): Promise<World> {
  world ??= (async () => {
    clock.set(START);
    const tokens = await seedDemo();
    return { tokens, supplier2: await tokenFor("supplier", s2) };
  })();
  return world;
}

let counter = 0;
/** A fresh name per call: scenarios repeat in one table. */
const unique = (prefix: string) => `${prefix}-${++counter}`;

async function expectStatus(response: Promise<ApiResponse>, status: number): Promise<ApiResponse> {
  const result = await response;
  expect(result.status, result.text).toBe(status);
  return result;
}

// ---------- tenders ----------

async function draftTender(): Promise<string> {
  const { tokens } = await setUp();
  const created = await expectStatus(
    call("POST", "/v1/tenders", {
      token: tokens.officer,
      body: tenderBody(clock.now(), { reference: unique("ZW-AUDIT") }),
    }),
    201,
  );
  return created.body.id;
}

async function publishedTender(): Promise<string> {
  const { tokens } = await setUp();
  const id = await draftTender();
  await expectStatus(call("POST", `/v1/tenders/${id}/publish`, { token: tokens.officer }), 200);
  return id;
}

async function tenderWithBids(): Promise<string> {
  const { tokens, supplier2 } = await setUp();
  const id = await publishedTender();
  for (const [token, price] of [
    [tokens.supplier, 1_900_000],
    [supplier2, 2_300_000],
  ] as const)
    await expectStatus(call("POST", `/v1/tenders/${id}/bids`, { token, body: bidBody(price) }), 201);
  return id;
}

const committeeScores = {
  scores: [
    { criterionId: "plan", score: 8, justification: "Committee consensus on the plan." },
    { criterionId: "climate", score: 7, justification: "Committee consensus on climate measures." },
  ],
};

/** Bids submitted, the deadline passed (the clock moves on 15 days), the bids opened. */
async function openedTender(): Promise<string> {
  const { tokens } = await setUp();
  const id = await tenderWithBids();
  clock.set(new Date(clock.now().getTime() + 15 * DAY));
  await expectStatus(call("POST", `/v1/tenders/${id}/open`, { token: tokens.officer }), 200);
  return id;
}

/** Every bid scored, so the prices are revealed and the scores frozen: only a correction changes them. */
async function revealedTender(): Promise<string> {
  const { tokens } = await setUp();
  const id = await openedTender();
  for (const bid of [s1, s2])
    await expectStatus(
      call("PUT", `/v1/tenders/${id}/bids/${bid}/scores`, { token: tokens.officer, body: committeeScores }),
      200,
    );
  return id;
}

const correctionBody = {
  bidId: s1,
  scores: [
    { criterionId: "plan", score: 9, justification: "The phasing annex was overlooked." },
    { criterionId: "climate", score: 7, justification: "Committee consensus on climate measures." },
  ],
  reason: "The committee missed an annex of this bid.",
};

async function proposedCorrection(): Promise<{ id: string; correctionId: string }> {
  const { tokens } = await setUp();
  const id = await revealedTender();
  const proposed = await expectStatus(
    call("POST", `/v1/tenders/${id}/score-corrections`, {
      token: tokens.officer,
      body: correctionBody,
      idempotencyKey: newKey(),
    }),
    201,
  );
  return { id, correctionId: proposed.body.id };
}

async function evaluatedTender(): Promise<{ id: string; winner: string }> {
  const { tokens } = await setUp();
  const id = await openedTender();
  for (const bid of [s1, s2])
    await expectStatus(
      call("PUT", `/v1/tenders/${id}/bids/${bid}/scores`, { token: tokens.officer, body: committeeScores }),
      200,
    );
  const evaluation = await expectStatus(
    call("POST", `/v1/tenders/${id}/evaluation`, { token: tokens.officer }),
    201,
  );
  return { id, winner: evaluation.body.ranking[0].bidId };
}

/** An intended award whose standstill period has ended: the award can become final. */
export async function awardableTender(): Promise<string> {
  const { tokens } = await setUp();
  const { id, winner } = await evaluatedTender();
  const intended = await expectStatus(
    call("POST", `/v1/tenders/${id}/intended-award`, { token: tokens.officer, body: { bidId: winner } }),
    200,
  );
  clock.set(new Date(intended.body.intendedAward.standstillEndsAt));
  return id;
}

// ---------- contracts and entries ----------

async function contract(extra: Record<string, unknown> = {}): Promise<string> {
  const { tokens } = await setUp();
  return newContract(tokens.officer, unique("ZW-AUDIT-C"), extra);
}

const entryBody = () => ({
  blockId: "work-experience",
  candidateRef: unique("AUD"),
  startDate: "2025-03-01",
  endDate: "2025-03-31",
  period: "2025-Q1",
});

async function submittedEntry(contractId: string, body: object = entryBody()): Promise<string> {
  const { supplier2 } = await setUp();
  const entry = await expectStatus(
    call("POST", `/v1/contracts/${contractId}/entries`, { token: supplier2, idempotencyKey: newKey(), body }),
    201,
  );
  return entry.body.id;
}

async function acceptedEntry(contractId: string): Promise<string> {
  const { tokens } = await setUp();
  const id = await submittedEntry(contractId);
  await expectStatus(
    call("POST", `/v1/contracts/${contractId}/entries/${id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "evidence checked" },
    }),
    200,
  );
  return id;
}

/** A region of its own with an auditor (a policy version per scenario run). */
async function regionWithAuditor(): Promise<{ regionId: string; auditor: string }> {
  const { tokens } = await setUp();
  const regionId = unique("regio-audit");
  await expectStatus(
    call("POST", "/v1/regions", { token: tokens.admin, body: { id: regionId, name: "Regio Audit" } }),
    201,
  );
  const body = { id: `rb-${regionId}`, kind: "region-body", name: "SROI Audit", regionId };
  await expectStatus(call("POST", "/v1/organisations", { token: tokens.admin, body }), 201);
  return { regionId, auditor: await tokenFor("auditor", body.id) };
}

const policyBody = policyBodyOf("oost-nederland");

const csv = (...lines: string[]) => ({
  rawBody: `${lines.join("\n")}\n`,
  headers: { "content-type": "text/csv" },
});

const entityOf = (kind: string, ...parts: string[]) => `${kind}:${parts.join("/")}`;

// ---------- the table ----------

/**
 * Keyed by route key. A mutating route without a scenario fails the audit test: add one here when
 * adding a route (its request, and the entities it changes).
 */
export const SCENARIOS: Partial<Record<RouteKey, Scenario>> = {
  "POST /v1/regions": async () => {
    const { tokens } = await setUp();
    return {
      path: "/v1/regions",
      options: {
        token: tokens.admin,
        body: { id: unique("regio"), name: "Regio" },
        idempotencyKey: newKey(),
      },
      changes: (r) => [{ entity: entityOf("region", r.body.id) }],
    };
  },

  "POST /v1/organisations": async () => {
    const { tokens } = await setUp();
    return {
      path: "/v1/organisations",
      options: {
        token: tokens.admin,
        body: { id: unique("gm-audit"), kind: "municipality", name: "Gemeente Audit", regionId: DEMO.region },
        idempotencyKey: newKey(),
      },
      changes: (r) => [{ entity: entityOf("organisation", r.body.id) }],
    };
  },

  "POST /v1/organisations/{organisationId}/users": async () => {
    const { tokens } = await setUp();
    // A user pool that accepts anyone and, like Cognito's, keeps one account per address.
    const accounts = new Map<string, string>();
    useUserDirectory({
      invite: async ({ email }) => {
        if (!accounts.has(email)) accounts.set(email, `sub-${newKey()}`);
        return { sub: accounts.get(email)! };
      },
    });
    // An organisation of its own: its trail holds no invitation before this one.
    const organisation = { id: unique("gm-invite"), kind: "municipality", name: "Gemeente Uitnodiging" };
    await expectStatus(
      call("POST", "/v1/organisations", {
        token: tokens.admin,
        body: { ...organisation, regionId: DEMO.region },
      }),
      201,
    );
    return {
      path: `/v1/organisations/${organisation.id}/users`,
      options: {
        token: tokens.admin,
        body: { email: `${unique("invitee")}@example.nl` },
        idempotencyKey: newKey(),
      },
      changes: () => [{ entity: entityOf("organisation", organisation.id) }],
    };
  },

  "PATCH /v1/organisations/{organisationId}": async () => {
    const { tokens } = await setUp();
    const body = {
      id: unique("gm-rename"),
      kind: "municipality",
      name: "Gemeente Oud",
      regionId: DEMO.region,
    };
    await expectStatus(call("POST", "/v1/organisations", { token: tokens.admin, body }), 201);
    return {
      path: `/v1/organisations/${body.id}`,
      options: { token: tokens.admin, body: { name: "Gemeente Nieuw", version: 1 } },
      changes: () => [{ entity: entityOf("organisation", body.id) }],
    };
  },

  "POST /v1/scoring/simulate": async () => {
    const { tokens } = await setUp();
    return {
      path: "/v1/scoring/simulate",
      options: {
        token: tokens.officer,
        body: { awardModel: { method: "award-on-value" }, bids: [{ id: "A", price: eur(1000) }] },
      },
      changes: () => [],
    };
  },

  "POST /v1/reference-tables": async () => {
    const { tokens } = await setUp();
    const table = {
      kind: "certificate-discount",
      id: unique("audit-ladder"),
      version: "2027",
      effectiveFrom: "2027-01-01",
      scheme: "co2-ladder",
      discountPercentByLevel: { "1": 1, "2": 2, "3": 5 },
      source: "test: a ladder table of the audit test",
    };
    return {
      path: "/v1/reference-tables",
      options: { token: tokens.admin, body: table, idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("reference-table", table.kind, table.id, table.version) }],
    };
  },

  "POST /v1/tenders": async () => {
    const { tokens } = await setUp();
    return {
      path: "/v1/tenders",
      options: {
        token: tokens.officer,
        body: tenderBody(clock.now(), { reference: unique("ZW-AUDIT") }),
        idempotencyKey: newKey(),
      },
      changes: (r) => [{ entity: entityOf("tender", r.body.id) }],
    };
  },

  "PATCH /v1/tenders/{tenderId}": async () => {
    const { tokens } = await setUp();
    const id = await draftTender();
    return {
      path: `/v1/tenders/${id}`,
      options: { token: tokens.officer, body: { title: "Reconstructie Stationsplein", version: 1 } },
      changes: () => [{ entity: entityOf("tender", id) }],
    };
  },

  "POST /v1/tenders/{tenderId}/publish": async () => {
    const { tokens } = await setUp();
    const id = await draftTender();
    return {
      path: `/v1/tenders/${id}/publish`,
      options: { token: tokens.officer },
      changes: () => [{ entity: entityOf("tender", id) }],
    };
  },

  "POST /v1/tenders/{tenderId}/cancel": async () => {
    const { tokens } = await setUp();
    const id = await publishedTender();
    return {
      path: `/v1/tenders/${id}/cancel`,
      options: { token: tokens.officer, body: { reason: "The budget was withdrawn by the council." } },
      changes: () => [{ entity: entityOf("tender", id) }],
    };
  },

  "POST /v1/tenders/{tenderId}/bids": async () => {
    const { tokens } = await setUp();
    const id = await publishedTender();
    return {
      path: `/v1/tenders/${id}/bids`,
      options: { token: tokens.supplier, body: bidBody(1_900_000), idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("bid", id, s1) }],
    };
  },

  "PUT /v1/tenders/{tenderId}/bids/{bidId}": async () => {
    const { tokens } = await setUp();
    const id = await tenderWithBids();
    return {
      path: `/v1/tenders/${id}/bids/${s1}`,
      options: { token: tokens.supplier, body: { ...bidBody(1_800_000), version: 1 } },
      changes: () => [{ entity: entityOf("bid", id, s1) }],
    };
  },

  "DELETE /v1/tenders/{tenderId}/bids/{bidId}": async () => {
    const { tokens } = await setUp();
    const id = await tenderWithBids();
    return {
      path: `/v1/tenders/${id}/bids/${s1}`,
      options: { token: tokens.supplier },
      changes: () => [{ entity: entityOf("bid", id, s1) }],
    };
  },

  "POST /v1/tenders/{tenderId}/score-corrections": async () => {
    const { tokens } = await setUp();
    const id = await revealedTender();
    return {
      path: `/v1/tenders/${id}/score-corrections`,
      options: { token: tokens.officer, body: correctionBody, idempotencyKey: newKey() },
      changes: (r) => [{ entity: entityOf("score-correction", id, r.body.id) }],
    };
  },

  "POST /v1/tenders/{tenderId}/score-corrections/{correctionId}/approve": async () => {
    const { id, correctionId } = await proposedCorrection();
    const secondOfficer = await tokenFor("officer", DEMO.municipalities[0], unique("officer-b"));
    return {
      path: `/v1/tenders/${id}/score-corrections/${correctionId}/approve`,
      options: { token: secondOfficer, idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("score-correction", id, correctionId) }],
    };
  },

  "POST /v1/tenders/{tenderId}/score-corrections/{correctionId}/withdraw": async () => {
    const { tokens } = await setUp();
    const { id, correctionId } = await proposedCorrection();
    return {
      path: `/v1/tenders/${id}/score-corrections/${correctionId}/withdraw`,
      options: { token: tokens.officer, idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("score-correction", id, correctionId) }],
    };
  },

  "POST /v1/tenders/{tenderId}/open": async () => {
    const { tokens } = await setUp();
    const id = await tenderWithBids();
    clock.set(new Date(clock.now().getTime() + 15 * DAY));
    return {
      path: `/v1/tenders/${id}/open`,
      options: { token: tokens.officer },
      changes: () => [{ entity: entityOf("tender", id) }],
    };
  },

  "PUT /v1/tenders/{tenderId}/bids/{bidId}/scores": async () => {
    const { tokens } = await setUp();
    const id = await openedTender();
    return {
      path: `/v1/tenders/${id}/bids/${s1}/scores`,
      options: { token: tokens.officer, body: committeeScores },
      changes: () => [{ entity: entityOf("bid", id, s1) }],
    };
  },

  "POST /v1/tenders/{tenderId}/evaluation": async () => {
    const { tokens } = await setUp();
    const id = await openedTender();
    for (const bid of [s1, s2])
      await expectStatus(
        call("PUT", `/v1/tenders/${id}/bids/${bid}/scores`, { token: tokens.officer, body: committeeScores }),
        200,
      );
    return {
      path: `/v1/tenders/${id}/evaluation`,
      options: { token: tokens.officer, idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("tender", id) }],
    };
  },

  "POST /v1/tenders/{tenderId}/intended-award": async () => {
    const { tokens } = await setUp();
    const { id, winner } = await evaluatedTender();
    return {
      path: `/v1/tenders/${id}/intended-award`,
      options: { token: tokens.officer, body: { bidId: winner }, idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("tender", id) }],
    };
  },

  "POST /v1/tenders/{tenderId}/award": async () => {
    const { tokens } = await setUp();
    const id = await awardableTender();
    return {
      path: `/v1/tenders/${id}/award`,
      options: { token: tokens.officer, idempotencyKey: newKey() },
      changes: (r) => [
        { entity: entityOf("tender", id) },
        { entity: entityOf("contract", r.body.award.contractId), action: "contract.created" },
      ],
    };
  },

  // The per-lot routes, on a tender's default lot "1" (test/integration/tenders/lots.test.ts covers several lots).
  "POST /v1/tenders/{tenderId}/lots/{lotId}/evaluation": async () => {
    const { tokens } = await setUp();
    const id = await openedTender();
    for (const bid of [s1, s2])
      await expectStatus(
        call("PUT", `/v1/tenders/${id}/bids/${bid}/scores`, { token: tokens.officer, body: committeeScores }),
        200,
      );
    return {
      path: `/v1/tenders/${id}/lots/1/evaluation`,
      options: { token: tokens.officer, idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("tender", id) }],
    };
  },

  "POST /v1/tenders/{tenderId}/lots/{lotId}/intended-award": async () => {
    const { tokens } = await setUp();
    const { id } = await evaluatedTender();
    return {
      path: `/v1/tenders/${id}/lots/1/intended-award`,
      options: { token: tokens.officer, body: {}, idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("tender", id) }],
    };
  },

  "POST /v1/tenders/{tenderId}/lots/{lotId}/award": async () => {
    const { tokens } = await setUp();
    const id = await awardableTender();
    return {
      path: `/v1/tenders/${id}/lots/1/award`,
      options: { token: tokens.officer, idempotencyKey: newKey() },
      changes: (r) => [
        { entity: entityOf("tender", id) },
        { entity: entityOf("contract", r.body.award.contractId), action: "contract.created" },
      ],
    };
  },

  "POST /v1/sroi/valuate": async () => {
    const { tokens } = await setUp();
    return {
      path: "/v1/sroi/valuate",
      options: {
        token: tokens.officer,
        body: {
          catalogue: { id: "oost-nederland", version: "V05-2023-04" },
          lines: [{ blockId: "work-experience", months: 6 }],
        },
      },
      changes: () => [],
    };
  },

  "POST /v1/sroi/obligation": async () => {
    const { tokens } = await setUp();
    return {
      path: "/v1/sroi/obligation",
      options: {
        token: tokens.officer,
        body: { regionId: DEMO.region, contract: { value: eur(1_200_000), type: "services" } },
      },
      changes: () => [],
    };
  },

  "POST /v1/sroi/catalogues": async () => {
    const { tokens } = await setUp();
    const catalogue = {
      id: unique("audit-catalogue"),
      version: "V01-test",
      name: "Audit test catalogue",
      source: "test",
      incomplete: true,
      effectiveFrom: "2030-01-01",
      blocks: [{ id: "work-experience", kind: "placement", perMonth: 800 }],
    };
    return {
      path: "/v1/sroi/catalogues",
      options: { token: tokens.auditor, body: catalogue, idempotencyKey: newKey() },
      changes: () => [{ entity: entityOf("sroi-catalogue", catalogue.id, catalogue.version) }],
    };
  },

  "POST /v1/sroi/policies/{regionId}": async () => {
    const { regionId, auditor } = await regionWithAuditor();
    return {
      path: `/v1/sroi/policies/${regionId}`,
      options: { token: auditor, body: policyBody, idempotencyKey: newKey() },
      changes: (r) => [{ entity: entityOf("sroi-policy", regionId, String(r.body.version)) }],
    };
  },

  "POST /v1/contracts": async () => {
    const { tokens } = await setUp();
    return {
      path: "/v1/contracts",
      options: {
        token: tokens.officer,
        idempotencyKey: newKey(),
        body: {
          reference: unique("ZW-AUDIT-R"),
          title: "Beheer openbare ruimte",
          supplierId: s2,
          type: "services",
          value: eur(2_000_000),
          startDate: "2025-01-01",
          endDate: "2026-12-31",
        },
      },
      changes: (r) => [{ entity: entityOf("contract", r.body.id) }],
    };
  },

  "POST /v1/contracts/import": async () => {
    const { tokens } = await setUp();
    // A municipality of its own: the import's event is on the municipality's trail.
    const buyer = unique("gm-import");
    await expectStatus(
      call("POST", "/v1/organisations", {
        token: tokens.admin,
        body: { id: buyer, kind: "municipality", name: "Gemeente Import", regionId: DEMO.region },
      }),
      201,
    );
    const row = (reference: string) =>
      `${reference},Groenonderhoud,${s2},services,500000,2025-01-01,2026-12-31`;
    return {
      path: "/v1/contracts/import",
      options: {
        token: await tokenFor("officer", buyer),
        idempotencyKey: newKey(),
        ...csv(
          "reference,title,supplierId,type,value,startDate,endDate",
          row(unique("ZW-AUDIT-I")),
          row(unique("ZW-AUDIT-I")),
        ),
      },
      changes: (r) => [
        ...r.body.results.map((result: { contractId: string }) => ({
          entity: entityOf("contract", result.contractId),
          action: "contract.created",
        })),
        { entity: entityOf("organisation", buyer), action: "organisation.contracts-imported" },
      ],
    };
  },

  "POST /v1/contracts/{contractId}/amendments": async () => {
    const { tokens } = await setUp();
    const id = await contract();
    return {
      path: `/v1/contracts/${id}/amendments`,
      options: { token: tokens.officer, body: { endDate: "2027-06-30", reason: "extension", version: 1 } },
      changes: () => [{ entity: entityOf("contract", id) }],
    };
  },

  "POST /v1/contracts/{contractId}/base-amounts": async () => {
    const { tokens, supplier2 } = await setUp();
    const { contractId } = await contractOnBase(tokens.admin, "wage-bill", unique("audit-ba"));
    return {
      path: `/v1/contracts/${contractId}/base-amounts`,
      options: {
        token: supplier2,
        idempotencyKey: newKey(),
        body: { period: "2025-Q1", amount: eur(50_000) },
      },
      changes: (r) => [{ entity: entityOf("base-amount", contractId, r.body.id) }],
    };
  },

  "POST /v1/contracts/{contractId}/base-amounts/{baseAmountId}/review": async () => {
    const { tokens, supplier2 } = await setUp();
    const { contractId, auditor } = await contractOnBase(tokens.admin, "wage-bill", unique("audit-bar"));
    const reported = await expectStatus(
      call("POST", `/v1/contracts/${contractId}/base-amounts`, {
        token: supplier2,
        idempotencyKey: newKey(),
        body: { period: "2025-Q1", amount: eur(50_000) },
      }),
      201,
    );
    const id = reported.body.id as string;
    return {
      path: `/v1/contracts/${contractId}/base-amounts/${id}/review`,
      options: { token: auditor, body: { decision: "accept", reason: "payroll statement checked" } },
      changes: () => [
        { entity: entityOf("base-amount", contractId, id), action: "base-amount.accepted" },
        { entity: entityOf("contract", contractId), action: "contract.obligation-recomputed" },
      ],
    };
  },

  "PUT /v1/contracts/{contractId}/commitment": async () => {
    const { tokens } = await setUp();
    const id = await contract();
    return {
      path: `/v1/contracts/${id}/commitment`,
      options: {
        token: tokens.officer,
        body: { lines: [{ blockId: "work-experience", months: 6 }], version: 1 },
      },
      changes: () => [{ entity: entityOf("contract", id) }],
    };
  },

  "POST /v1/contracts/{contractId}/promises/{promiseId}/verification": async () => {
    const { tokens } = await setUp();
    const id = await contract({
      promises: [
        {
          id: "co2",
          kind: "co2-ladder",
          description: "CO2 performance ladder level 3",
          promised: "level 3",
          advantage: eur(10_000),
        },
      ],
    });
    return {
      path: `/v1/contracts/${id}/promises/co2/verification`,
      options: { token: tokens.officer, body: { status: "met", version: 1 } },
      changes: () => [{ entity: entityOf("contract", id) }],
    };
  },

  "POST /v1/contracts/{contractId}/settlement": async () => {
    const { tokens } = await setUp();
    const id = await contract({ startDate: "2024-01-01", endDate: "2024-06-30" });
    return {
      path: `/v1/contracts/${id}/settlement`,
      options: {
        token: tokens.officer,
        body: { outcome: "waived", reason: "The supplier was not at fault.", version: 1 },
      },
      changes: () => [{ entity: entityOf("contract", id) }],
    };
  },

  "POST /v1/contracts/{contractId}/pool-transfers": async () => {
    const { tokens } = await setUp();
    // A region of its own whose policy pools; contracts below its threshold, so all realisation is surplus.
    const { regionId, auditor } = await regionWithAuditor();
    const municipality = { id: `gm-${regionId}`, kind: "municipality", name: "Gemeente Audit", regionId };
    await expectStatus(call("POST", "/v1/organisations", { token: tokens.admin, body: municipality }), 201);
    await expectStatus(
      call("POST", `/v1/sroi/policies/${regionId}`, {
        token: auditor,
        idempotencyKey: newKey(),
        body: { ...policyBody, allowPooling: true },
      }),
      201,
    );
    const officer = await tokenFor("officer", municipality.id);
    const [from, to] = [
      await newContract(officer, unique("ZW-AUDIT-P"), { value: eur(50_000) }),
      await newContract(officer, unique("ZW-AUDIT-P"), { value: eur(50_000) }),
    ];
    const entryId = await submittedEntry(from);
    await expectStatus(
      call("POST", `/v1/contracts/${from}/entries/${entryId}/review`, {
        token: auditor,
        body: { decision: "accept", reason: "evidence checked" },
      }),
      200,
    );
    return {
      path: `/v1/contracts/${from}/pool-transfers`,
      options: {
        token: auditor,
        idempotencyKey: newKey(),
        body: { toContractId: to, amount: eur(100), reason: "pooled in the region" },
      },
      changes: () => [{ entity: entityOf("contract", from) }, { entity: entityOf("contract", to) }],
    };
  },

  "POST /v1/contracts/{contractId}/totals/recompute": async () => {
    const { tokens } = await setUp();
    const id = await contract();
    await submittedEntry(id);
    return {
      path: `/v1/contracts/${id}/totals/recompute`,
      options: { token: tokens.admin },
      changes: () => [{ entity: entityOf("contract", id), action: "contract.totals-verified" }],
    };
  },

  "POST /v1/contracts/{contractId}/retention": async () => {
    const { tokens } = await setUp();
    const id = await contract({ startDate: "2024-01-01", endDate: "2024-03-31" });
    await submittedEntry(id, {
      ...entryBody(),
      startDate: "2024-02-01",
      endDate: "2024-02-29",
      period: "2024-02",
    });
    return {
      path: `/v1/contracts/${id}/retention`,
      options: { token: tokens.admin },
      changes: () => [{ entity: entityOf("contract", id) }],
    };
  },

  "POST /v1/contracts/{contractId}/entries": async () => {
    const { supplier2 } = await setUp();
    const id = await contract();
    return {
      path: `/v1/contracts/${id}/entries`,
      options: { token: supplier2, body: entryBody(), idempotencyKey: newKey() },
      changes: (r) => [{ entity: entityOf("sroi-entry", id, r.body.id) }],
    };
  },

  "POST /v1/contracts/{contractId}/entries/import": async () => {
    const { supplier2 } = await setUp();
    const id = await contract();
    const row = (candidate: string, month: string) =>
      `work-experience,${candidate},2025-${month}-01,2025-${month}-28,2025-${month}`;
    return {
      path: `/v1/contracts/${id}/entries/import`,
      options: {
        token: supplier2,
        idempotencyKey: newKey(),
        ...csv(
          "blockId,candidateRef,startDate,endDate,period",
          row(unique("IMP"), "02"),
          row(unique("IMP"), "03"),
        ),
      },
      changes: (r) => [
        ...r.body.results.map((result: { entryId: string }) => ({
          entity: entityOf("sroi-entry", id, result.entryId),
          action: "sroi-entry.submitted",
        })),
        { entity: entityOf("contract", id), action: "contract.entries-imported" },
      ],
    };
  },

  "POST /v1/contracts/{contractId}/entries/{entryId}/review": async () => {
    const { tokens } = await setUp();
    const id = await contract();
    const entryId = await submittedEntry(id);
    return {
      path: `/v1/contracts/${id}/entries/${entryId}/review`,
      options: { token: tokens.auditor, body: { decision: "accept", reason: "evidence checked" } },
      changes: () => [{ entity: entityOf("sroi-entry", id, entryId), action: "sroi-entry.accepted" }],
    };
  },

  "POST /v1/contracts/{contractId}/entries/{entryId}/reversal": async () => {
    const { supplier2 } = await setUp();
    const id = await contract();
    const entryId = await acceptedEntry(id);
    return {
      path: `/v1/contracts/${id}/entries/${entryId}/reversal`,
      options: {
        token: supplier2,
        body: { reason: "Counted in the wrong contract." },
        idempotencyKey: newKey(),
      },
      // The reversal is a new entry; the accepted one never changes.
      changes: (r) => [{ entity: entityOf("sroi-entry", id, r.body.id) }],
    };
  },

  // ---------- reports ----------

  "POST /v1/regions/{regionId}/reports": async () => {
    const { tokens } = await setUp();
    // The job would record report.issued later, outside the request this test looks at.
    holdLocalJobs();
    return {
      path: `/v1/regions/${DEMO.region}/reports`,
      options: {
        token: tokens.auditor,
        idempotencyKey: newKey(),
        body: { period: { from: "2026-01", to: "2026-03" }, scope: "region" },
      },
      changes: (response) => [{ entity: `report:${response.body.id}` }],
    };
  },

  "POST /v1/reports/verify-document": async () => ({
    path: "/v1/reports/verify-document",
    options: { rawBody: Buffer.from("%PDF-1.7\n%%EOF\n"), headers: { "content-type": "application/pdf" } },
    changes: () => [],
  }),
};

// ---------- reading the trail ----------

export interface StoredEvent {
  pk: string;
  sk: string;
  entity: string;
  action: string;
}

/** Every audit event in this file's table (a test-only scan): what a request wrote, whatever its entity. */
export async function allAuditEvents(): Promise<Map<string, StoredEvent>> {
  const events = new Map<string, StoredEvent>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    for (const item of (page.Items ?? []) as StoredEvent[])
      if (isAuditEvent(item)) events.set(`${item.pk}|${item.sk}`, item);
    start = page.LastEvaluatedKey;
  } while (start);
  return events;
}

/** Audit events written since `before` was read. */
export async function eventsSince(before: Map<string, StoredEvent>): Promise<StoredEvent[]> {
  return [...(await allAuditEvents()).entries()].filter(([key]) => !before.has(key)).map(([, e]) => e);
}

/** An entity's trail as an admin reads it at GET /v1/audit (every page). */
export async function trailOf(
  entity: string,
): Promise<{ action: string; at: string; opId: string; step: string }[]> {
  const { tokens } = await setUp();
  const items = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ entity, limit: "500", ...(cursor ? { cursor } : {}) });
    const page = await call("GET", `/v1/audit?${query}`, { token: tokens.admin });
    expect(page.status, page.text).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
