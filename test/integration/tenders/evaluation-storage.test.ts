import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_BIDS, MAX_CRITERIA } from "../../../lib/domain/scoring/limits.js";
import { evaluationEntity, evaluationKey, evaluationQueries } from "../../../lib/entities/evaluation.js";
import { tenderKey } from "../../../lib/entities/tender.js";
import { logger } from "../../../lib/http/observability.js";
import { operation } from "../../../lib/operation.js";
import { seedSroiRules } from "../../../lib/seed/sroi.js";
import { bidderCountKey, bidEntity, bidKey } from "../../../lib/entities/bid.js";
import { committeeScoresEntity, scoresKey } from "../../../lib/entities/committee-scores.js";
import { DEFAULT_LOT } from "../../../lib/entities/tender.js";
import { incrementBelow } from "../../../lib/store/counters.js";
import { getItem, putIfAbsent } from "../../../lib/store/ops.js";
import { queryAll } from "../../../lib/store/paging.js";
import type { Tender } from "../../../lib/tenders/tenders.js";
import { injectFaults } from "../../support/faults.js";
import { type ApiResponse, call, clock, DEMO, type DemoTokens, newKey, seedDemo } from "../../support/api.js";
import { bidBody, DAY, tenderBody } from "./support.js";

/**
 * Where an evaluation is stored: its input and result in a document (lib/store/documents.ts; here the
 * test file's own data folder), its run item in the table with a pointer the read checks.
 */

const START = new Date("2026-05-04T08:00:00Z");
const OPENED = new Date(START.getTime() + 15 * DAY);
let tokens: DemoTokens;

beforeAll(async () => {
  clock.set(START);
  try {
    tokens = await seedDemo();
    await seedSroiRules(
      operation({ sub: "test", role: "admin", orgId: DEMO.operator, regionId: null }, START, "storage-sroi"),
    );
  } finally {
    clock.reset();
  }
});
afterEach(() => clock.reset());

const criteria = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `c${i + 1}`,
    name: `Kwaliteitscriterium ${i + 1}`,
    scale: { min: 0, max: 10 },
    maxPoints: 2,
  }));

let tenders = 0;
/** A published tender with `criteriaCount` criteria, its id. */
async function publishedTender(criteriaCount: number): Promise<string> {
  clock.set(START);
  const body = tenderBody(START, { reference: `ZW-2026-STORE-${++tenders}` });
  const created = await call("POST", "/v1/tenders", {
    token: tokens.officer,
    body: { ...body, awardModel: { ...body.awardModel, criteria: criteria(criteriaCount) } },
  });
  expect(created.status, created.text).toBe(201);
  const publish = await call("POST", `/v1/tenders/${created.body.id}/publish`, { token: tokens.officer });
  expect(publish.status, publish.text).toBe(200);
  return created.body.id;
}

/**
 * A tender with `bidders` bids, opened by the officer, every bid scored on every criterion. The first
 * bid goes through the handler; the others, and the scores, are written as the bid and scoring use
 * cases write a first one (one request each would check every bid with the engine and re-read all
 * scores: minutes for the largest lot).
 */
async function scoredTender(bidders: number, criteriaCount: number): Promise<string> {
  const tenderId = await publishedTender(criteriaCount);
  const suppliers = [
    DEMO.suppliers[0],
    ...Array.from({ length: bidders - 1 }, (_, i) => `sup-load-${i + 1}`),
  ];
  const first = await call("POST", `/v1/tenders/${tenderId}/bids`, {
    token: tokens.supplier,
    body: bidBody(1_600_000),
  });
  expect(first.status, first.text).toBe(201);
  const at = START.toISOString();
  await Promise.all(
    suppliers.slice(1).map(async (bidId, i) => {
      expect(await incrementBelow(bidderCountKey(tenderId), "bidders", MAX_BIDS)).toBe(true);
      const bid = {
        ...bidKey(tenderId, bidId),
        tenderId,
        lotId: DEFAULT_LOT,
        bidId,
        supplierId: bidId,
        status: "submitted",
        content: bidBody(1_600_000 + (i + 1) * 7_919),
        submittedAt: at,
        updatedAt: at,
        version: 1,
      };
      expect(await putIfAbsent({ ...bidEntity.read(bid), lastOpId: `bid-${bidId}` })).toBe(true);
    }),
  );
  clock.set(OPENED);
  const opened = await call("POST", `/v1/tenders/${tenderId}/open`, { token: tokens.officer });
  expect(opened.status, opened.text).toBe(200);
  expect(opened.body.opened.bidCount).toBe(bidders);
  const scoredAt = OPENED.toISOString();
  await Promise.all(
    suppliers.map(async (bidId, b) => {
      const scores = Object.fromEntries(
        criteria(criteriaCount).map((c, k) => [
          c.id,
          {
            score: 4 + ((b * 7 + k * 3) % 7),
            justification: `Committee consensus on ${c.name}.`,
            at: scoredAt,
            by: "sub-officer",
          },
        ]),
      );
      const item = { ...scoresKey(tenderId, bidId), tenderId, lotId: DEFAULT_LOT, bidId, scores, version: 1 };
      expect(await putIfAbsent({ ...committeeScoresEntity.read(item), lastOpId: `score-${bidId}` })).toBe(
        true,
      );
    }),
  );
  return tenderId;
}

const runItem = async (tenderId: string) => {
  const tender = (await getItem<Tender>(tenderKey(tenderId)))!;
  return (await getItem<Record<string, any>>(evaluationKey(tenderId, tender.evaluation!.run)))!;
};
const documentFile = (key: string) => join(process.env.DATA_DIR!, "documents", key);
const evaluationDocuments = (tenderId: string) =>
  readdirSync(join(process.env.DATA_DIR!, "documents", "evaluations", tenderId, "1"));

/** GET …/evaluation without what only the read adds: what POST answered. */
const asPosted = ({ intendedAward: _i, stale: _s, verification: _v, ...run }: Record<string, unknown>) => run;

const evaluate = (tenderId: string, idempotencyKey = newKey()): Promise<ApiResponse> =>
  call("POST", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer, idempotencyKey });

describe("an evaluation of the largest lot", () => {
  it(`${MAX_BIDS} bids × ${MAX_CRITERIA} criteria: stored as a document beside a small run item, read back as answered`, {
    timeout: 40_000,
  }, async () => {
    const tenderId = await scoredTender(MAX_BIDS, MAX_CRITERIA);
    const key = newKey();
    const posted = await evaluate(tenderId, key);
    expect(posted.status, posted.text).toBe(201);
    expect(posted.body.ranking).toHaveLength(MAX_BIDS);

    const item = await runItem(tenderId);
    const itemBytes = Buffer.byteLength(JSON.stringify(item));
    const documentBytes = readFileSync(documentFile(item.document.key)).byteLength;
    console.info(
      `evaluation of ${MAX_BIDS} bids × ${MAX_CRITERIA} criteria: document ${documentBytes} bytes, run item ${itemBytes} bytes (as JSON)`,
    );
    // The input and result alone are past DynamoDB's 400 KB item limit; the item keeps far below it.
    expect(documentBytes).toBeGreaterThan(400 * 1024);
    expect(item.document.bytes).toBe(documentBytes);
    expect(itemBytes).toBeLessThan(4 * 1024);
    expect(item).not.toHaveProperty("input");
    expect(item).not.toHaveProperty("result");
    expect(item).toMatchObject({
      engineVersion: posted.body.engineVersion,
      inputDigest: posted.body.inputDigest,
      winner: posted.body.ranking[0].bidId,
    });

    const read = await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer });
    expect(read.status, read.text).toBe(200);
    expect(read.body.verification).toBeUndefined();
    expect(asPosted(read.body)).toEqual(posted.body);
    expect(JSON.stringify(asPosted(read.body))).toBe(posted.text);

    const verified = await call("GET", `/v1/tenders/${tenderId}/evaluation?verify=true`, {
      token: tokens.officer,
    });
    expect(verified.body.verification).toMatchObject({ digestMatches: true, identical: true });

    // The same Idempotency-Key replays the answer byte for byte (kept compressed in its record).
    const replayed = await evaluate(tenderId, key);
    expect(replayed.status).toBe(201);
    expect(replayed.headers["idempotent-replayed"]).toBe("true");
    expect(replayed.text).toBe(posted.text);
  });
});

describe("a stored evaluation document", () => {
  it("changed on disk is a problem+json 500 that shows nothing of it; the log names the evaluation and its key", async () => {
    const tenderId = await scoredTender(3, 2);
    expect((await evaluate(tenderId)).status).toBe(201);
    const { document } = await runItem(tenderId);
    const file = documentFile(document.key);
    const original = readFileSync(file, "utf8");
    // The same length, one score changed: only the sha256 tells.
    const tampered = original.replace(/"totalScore":(\d)/, (_, d) => `"totalScore":${(Number(d) + 1) % 10}`);
    expect(tampered).not.toBe(original);
    expect(tampered.length).toBe(original.length);
    writeFileSync(file, tampered);

    const errors = vi.spyOn(logger, "error");
    try {
      for (const path of [
        `/v1/tenders/${tenderId}/evaluation`,
        `/v1/tenders/${tenderId}/evaluation?verify=true`,
      ]) {
        const read = await call("GET", path, { token: tokens.officer });
        expect(read.status).toBe(500);
        expect(read.headers["content-type"]).toContain("application/problem+json");
        expect(read.body).toMatchObject({ status: 500, code: "internal", correlationId: expect.any(String) });
        expect(read.text).not.toContain("totalScore");
        expect(read.text).not.toContain(document.key);
      }
      const logged = JSON.stringify(errors.mock.calls.map(([line]) => String((line as any).error?.message)));
      expect(logged).toContain(`Stored document ${document.key} of the evaluation of tender ${tenderId}`);
      expect(logged).toContain("does not match the size");
      // The award reads the same evaluation: it refuses too, rather than use a result nobody can check.
      const intended = await call("POST", `/v1/tenders/${tenderId}/intended-award`, {
        token: tokens.officer,
        body: { bidId: DEMO.suppliers[0], reason: "Chosen by the committee." },
      });
      expect(intended.status, intended.text).toBe(500);
    } finally {
      errors.mockRestore();
    }

    writeFileSync(file, original);
    expect((await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer })).status).toBe(
      200,
    );
  });
});

describe("a retried evaluation", () => {
  it("whose run item failed after its document was written completes with the same Idempotency-Key: one run", async () => {
    const tenderId = await scoredTender(3, 2);
    const key = newKey();
    let failed = 0;
    const mock = injectFaults((command, input) =>
      command === "Put" && evaluationEntity.owns(input.Item) && failed++ === 0
        ? Object.assign(new Error("simulated crash"), { name: "TimeoutError" })
        : undefined,
    );
    let crashed: ApiResponse;
    try {
      crashed = await evaluate(tenderId, key);
    } finally {
      mock.restore();
    }
    expect(failed).toBe(1);
    expect(crashed.status).toBe(500);
    // The document was written, the run item not: the tender is not evaluated.
    expect(evaluationDocuments(tenderId)).toHaveLength(1);
    expect(await queryAll(evaluationQueries.ofTender(tenderId))).toEqual([]);
    expect((await getItem<Tender>(tenderKey(tenderId)))!.status).toBe("opened");

    const retried = await evaluate(tenderId, key);
    expect(retried.status, retried.text).toBe(201);
    expect(await queryAll(evaluationQueries.ofTender(tenderId))).toHaveLength(1);
    // The same bytes under the same key: still one document, the one the run points at.
    expect(evaluationDocuments(tenderId)).toEqual([(await runItem(tenderId)).document.key.split("/").at(-1)]);
    const read = await call("GET", `/v1/tenders/${tenderId}/evaluation`, { token: tokens.officer });
    expect(asPosted(read.body)).toEqual(retried.body);
    // A third call with the key replays the answer.
    const replayed = await evaluate(tenderId, key);
    expect(replayed.headers["idempotent-replayed"]).toBe("true");
    expect(await queryAll(evaluationQueries.ofTender(tenderId))).toHaveLength(1);
  });
});
