import { afterEach, describe, expect, it } from "vitest";
import { fteClaimKey, isCandidateClaim, isSupplierClaim } from "../../../lib/entities/claims.js";
import { isEntry } from "../../../lib/entities/entry.js";
import { totalsQueries } from "../../../lib/entities/totals.js";
import { db } from "../../../lib/store/client.js";
import { getItem } from "../../../lib/store/ops.js";
import { queryAll } from "../../../lib/store/paging.js";
import { IN_FLIGHT } from "../../../lib/store/parallel.js";
import {
  type ApiResponse,
  call,
  clock,
  DEMO,
  newKey,
  seedDemo,
  tokenFor,
  useClock,
} from "../../support/api.js";
import { injectFaults, isRead } from "../../support/faults.js";
import { newContract } from "./support.js";

/**
 * A bulk upload claims the rows of different candidates in parallel and each candidate's rows in file
 * order: its figures are those of the same rows submitted one by one, under races and crashes too.
 */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

let mock: ReturnType<typeof injectFaults> | undefined;
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

interface Row {
  blockId: string;
  candidateRef: string;
  startDate: string;
  endDate: string;
  fte?: number;
  period: string;
}

type Shape = Omit<Row, "candidateRef"> & { refused?: true };

/** What a candidate's rows (and what is stored of it before the upload) look like, by pattern. */
interface Candidate {
  rows: Shape[];
  /** Submitted to the same contract before the upload. */
  before?: Omit<Row, "candidateRef">;
  /** Submitted to another contract of the supplier before the upload (its FTE counts across contracts). */
  elsewhere?: Omit<Row, "candidateRef">;
}

const row = (blockId: string, startDate: string, endDate: string, period: string, fte?: number) => ({
  blockId,
  startDate,
  endDate,
  period,
  ...(fte === undefined ? {} : { fte }),
});
const refused = (shape: Shape): Shape => ({ ...shape, refused: true });

/**
 * Ten patterns, over and over: single rows of four blocks; a candidate's later rows counted after its
 * earlier ones (up to a 12-month maximum, and past it); a row overlapping an earlier row of the file;
 * a row overlapping an entry stored before; a row above 1 FTE with an employment in another contract.
 */
const PATTERNS: Candidate[] = [
  { rows: [row("pwet-gt-2y", "2025-01-01", "2025-06-30", "2025", 0.5)] },
  {
    rows: [
      row("ww-lt-1y", "2025-01-01", "2025-10-31", "2025", 0.8),
      row("ww-lt-1y", "2025-11-01", "2026-02-28", "2025", 0.8),
    ],
  },
  {
    rows: [
      row("work-experience", "2025-01-01", "2025-03-31", "2025-Q1"),
      refused(row("work-experience", "2025-03-01", "2025-04-30", "2025")), // overlaps the row before
    ],
  },
  { rows: [row("bbl-1-2", "2025-01-01", "2025-12-31", "2025")] },
  {
    before: row("work-experience", "2025-01-01", "2025-02-28", "2025-Q1"),
    rows: [
      row("work-experience", "2025-03-01", "2025-05-31", "2025"),
      refused(row("work-experience", "2025-02-01", "2025-02-28", "2025-02")), // overlaps the stored entry
    ],
  },
  {
    elsewhere: row("pwet-gt-2y", "2025-01-01", "2025-06-30", "2025-H1", 0.6),
    rows: [
      refused(row("pwet-gt-2y", "2025-04-01", "2025-08-31", "2025", 0.5)), // 1.1 FTE from April
      row("pwet-gt-2y", "2025-03-01", "2025-03-31", "2025-03", 0.4),
    ],
  },
  {
    rows: [
      row("pwet-gt-2y", "2025-01-01", "2025-04-30", "2025", 0.5),
      row("pwet-gt-2y", "2025-05-01", "2025-08-31", "2025", 0.5),
      row("pwet-gt-2y", "2025-09-01", "2025-12-31", "2025", 0.5),
    ],
  },
  { rows: [row("work-experience", "2025-06-01", "2025-06-30", "2025-06")] },
  {
    rows: [
      row("ww-lt-1y", "2025-01-01", "2025-12-31", "2025", 1),
      row("ww-lt-1y", "2026-01-01", "2026-03-31", "2026-Q1", 1), // past the maximum: nothing counted
    ],
  },
  {
    before: row("bbl-1-2", "2025-01-01", "2025-01-31", "2025-01"),
    rows: [
      row("bbl-1-2", "2025-02-01", "2025-06-30", "2025"),
      row("work-experience", "2025-07-01", "2025-08-31", "2025"),
    ],
  },
];

/**
 * `count` rows of candidates `<tag>-<n>`, one pattern after the other, each candidate's rows together;
 * `accepted` leaves out the rows the patterns refuse, `stored` counts each candidate's stored entries.
 */
function scenario(tag: string, count: number) {
  const rows: Row[] = [];
  const refusedRows = new Set<number>();
  const before: Row[] = [];
  const elsewhere: Row[] = [];
  for (let n = 0; rows.length < count; n++) {
    const pattern = PATTERNS[n % PATTERNS.length]!;
    const candidateRef = `${tag}-${n}`;
    for (const { refused, ...r } of pattern.rows) {
      if (rows.length === count) break;
      if (refused) refusedRows.add(rows.length);
      rows.push({ ...r, candidateRef });
    }
    if (pattern.before) before.push({ ...pattern.before, candidateRef });
    if (pattern.elsewhere) elsewhere.push({ ...pattern.elsewhere, candidateRef });
  }
  const accepted = rows.filter((_, i) => !refusedRows.has(i));
  return { rows, refusedRows, accepted, before, elsewhere };
}

const HEADER = "blockId;candidateRef;startDate;endDate;fte;period";
const csvOf = (rows: Row[]) =>
  [
    HEADER,
    ...rows.map((r) =>
      [
        r.blockId,
        r.candidateRef,
        r.startDate,
        r.endDate,
        String(r.fte ?? "").replace(".", ","),
        r.period,
      ].join(";"),
    ),
  ].join("\n");

const submit = (contractId: string, body: Row) =>
  call("POST", `/v1/contracts/${contractId}/entries`, { token: supplier, body, idempotencyKey: newKey() });

const upload = (contractId: string, rows: Row[], idempotencyKey = newKey()) =>
  call("POST", `/v1/contracts/${contractId}/entries/import`, {
    token: supplier,
    rawBody: csvOf(rows),
    headers: { "content-type": "text/csv" },
    idempotencyKey,
  });

/** A contract with what is stored before the upload: entries of its own and of another contract. */
async function prepared(tag: string, count: number) {
  const planned = scenario(tag, count);
  const id = await newContract(tokens.officer, `ZW-${tag}`);
  const other = await newContract(tokens.officer, `ZW-${tag}-OTHER`);
  for (const r of planned.before) expect((await submit(id, r)).status).toBe(201);
  for (const r of planned.elsewhere) expect((await submit(other, r)).status).toBe(201);
  return { id, ...planned };
}

async function entriesOf(contractId: string) {
  const res = await call("GET", `/v1/contracts/${contractId}/entries?limit=500`, { token: supplier });
  expect(res.body.nextCursor ?? null).toBeNull();
  return res.body.items as {
    id: string;
    candidateRef: string;
    startDate: string;
    value: unknown;
    formula: string;
    exactMonths: unknown;
  }[];
}

/** The balance's running totals, verified and equal to what the entries add up to. */
async function verifiedTotals(contractId: string) {
  const balance = await call("GET", `/v1/contracts/${contractId}/balance`, { token: supplier });
  expect(balance.body.totalsVerified).toBe(true);
  const check = await call("POST", `/v1/contracts/${contractId}/totals/recompute?repair=false`, {
    token: tokens.admin,
  });
  expect(check.body).toMatchObject({ consistent: true, differences: [], inFlight: 0 });
  const { pending, credited, byBlock } = balance.body;
  return { pending, credited, byBlock };
}

/** What a row became, without the names that differ between the two contracts. */
const figures = (entry: { value: unknown; formula: string; exactMonths: unknown; startDate: string }) => ({
  value: entry.value,
  formula: entry.formula,
  exactMonths: entry.exactMonths,
  startDate: entry.startDate,
});

/** Each refused row (0-based) with its codes, from a rows-invalid answer (`rows.<line>`, the header line 1). */
function refusedRows(res: ApiResponse): Map<number, string[]> {
  expect(res.status).toBe(422);
  expect(res.body.code).toBe("rows-invalid");
  const refused = new Map<number, string[]>();
  for (const e of res.body.errors as { path: string; code: string }[]) {
    const index = Number(e.path.split(".")[1]) - 2;
    refused.set(index, [...(refused.get(index) ?? []), e.code]);
  }
  return refused;
}

const uploadEvents = async (contractId: string) =>
  (
    await call("GET", `/v1/audit?entity=contract:${contractId}&limit=500`, { token: tokens.admin })
  ).body.items.filter((e: { action: string }) => e.action === "contract.entries-imported");

const submittedEvents = async (contractId: string, entryId: string) =>
  (
    await call("GET", `/v1/audit?entity=sroi-entry:${contractId}/${entryId}`, { token: tokens.admin })
  ).body.items.filter((e: { action: string }) => e.action === "sroi-entry.submitted");

/** Active periods of each candidate's claims (in the contract, and FTE across the supplier's contracts). */
async function activeClaims(contractId: string, refs: string[]) {
  type Period = { contractId: string; released?: boolean; start: string };
  const active = (periods: Period[] = []) =>
    periods
      .filter((p) => p.contractId === contractId && !p.released)
      .map((p) => p.start)
      .sort();
  return Promise.all(
    refs.map(async (ref) => {
      const claim = await getItem<{ periods: Period[]; contractPeriods?: Period[] }>(
        fteClaimKey(DEMO.suppliers[1], ref),
      );
      return { ref, contract: active(claim?.contractPeriods), fte: active(claim?.periods) };
    }),
  );
}

const markersLeft = async (contractId: string) =>
  (await queryAll<Record<string, unknown>>(totalsQueries.ofContract(contractId))).flatMap((r) =>
    Object.keys(r).filter((k) => k.startsWith("upload#")),
  );

describe("bulk upload: candidates in parallel, each candidate's rows in order", () => {
  it("500 rows refuse and value exactly as the same rows submitted one by one, and total the same", async () => {
    const bulk = await prepared("PAR-A", 500);
    const single = await prepared("PAR-B", 500);

    // One by one, in file order: which rows are refused, and why.
    const oneByOne: ApiResponse[] = [];
    for (const r of single.rows) oneByOne.push(await submit(single.id, r));
    const refusedOneByOne = new Map(
      oneByOne.flatMap((res, i) => (res.status === 201 ? [] : [[i, [res.body.code as string]] as const])),
    );
    expect(oneByOne.every((res) => res.status === 201 || res.status === 422)).toBe(true);
    // Every kind of refusal is in there (the file keeps them under the 100 errors a problem lists).
    const codes = [...refusedOneByOne.values()].flat();
    expect(new Set(codes)).toEqual(new Set(["candidate-overlap", "fte-above-one"]));
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.length).toBeLessThan(100);
    expect(new Set(refusedOneByOne.keys())).toEqual(single.refusedRows);

    // The whole file at once: all or none, so refused with exactly those rows, nothing written.
    const entriesBefore = (await entriesOf(bulk.id)).length;
    expect(refusedRows(await upload(bulk.id, bulk.rows))).toEqual(refusedOneByOne);
    expect(await entriesOf(bulk.id)).toHaveLength(entriesBefore);
    await verifiedTotals(bulk.id);

    // The accepted rows, uploaded: the same value, months and formula per row, the same totals.
    const done = await upload(bulk.id, bulk.accepted);
    expect(done.status, done.text).toBe(200);
    expect(done.body.results).toHaveLength(bulk.accepted.length);
    const bulkEntries = new Map((await entriesOf(bulk.id)).map((e) => [e.id, e]));
    const bulkFigures = done.body.results.map((r: { entryId: string }) =>
      figures(bulkEntries.get(r.entryId)!),
    );
    const singleFigures = oneByOne.filter((res) => res.status === 201).map((res) => figures(res.body));
    expect(bulkFigures).toEqual(singleFigures);
    // The maximum and the months counted before made a difference somewhere.
    expect(new Set(bulkFigures.map((f: { formula: string }) => f.formula)).size).toBeGreaterThan(10);
    expect(await verifiedTotals(bulk.id)).toEqual(await verifiedTotals(single.id));
    expect(await markersLeft(bulk.id)).toEqual([]);
  }, 300_000);

  it("claims the candidates in parallel, never more than IN_FLIGHT DynamoDB calls at once, one write per candidate", async () => {
    const { id, accepted } = await prepared("PAR-C", 120);
    let running = 0;
    let most = 0;
    const calls: { name: string; sk?: string }[] = [];
    db.middlewareStack.add(
      (next, context) => async (args) => {
        most = Math.max(most, ++running);
        const input = args.input as { Item?: { sk: string }; Key?: { sk: string } };
        calls.push({ name: context.commandName ?? "", sk: (input.Item ?? input.Key)?.sk });
        try {
          return await next(args);
        } finally {
          running--;
        }
      },
      { step: "initialize", name: "countInFlight" },
    );
    let res: ApiResponse;
    try {
      res = await upload(id, accepted);
    } finally {
      db.middlewareStack.remove("countInFlight");
    }
    expect(res.status, res.text).toBe(200);
    expect(most).toBeGreaterThan(IN_FLIGHT / 2);
    expect(most).toBeLessThanOrEqual(IN_FLIGHT);
    // One conditional write per candidate (its rows, in the contract and FTE, together; nothing raced
    // here); the entries and their events in batches, with no write of their own.
    const writes = calls.filter((c) => ["PutItemCommand", "UpdateItemCommand"].includes(c.name));
    const refs = new Set(accepted.map((r) => r.candidateRef));
    const claimWrites = writes.filter(
      (c) => c.sk && (isCandidateClaim({ sk: c.sk }) || isSupplierClaim({ sk: c.sk })),
    );
    expect(claimWrites).toHaveLength(refs.size);
    expect(writes.filter((c) => c.sk && (isEntry({ sk: c.sk }) || c.sk === "created"))).toEqual([]);
    expect(calls.filter((c) => c.name === "BatchWriteItemCommand").length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThan(accepted.length * 1.5);
    await verifiedTotals(id);
  }, 120_000);

  it("a candidate's later rows wait for its earlier ones, however slow their claims are", async () => {
    const reference = await prepared("PAR-D", 150);
    const expected = await upload(reference.id, reference.accepted);
    expect(expected.status, expected.text).toBe(200);
    const slowed = await prepared("PAR-E", 150);
    // The first write to each candidate's claim takes 40 ms longer than the others.
    const written = new Set<string>();
    db.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Item?: { pk: string; sk: string }; Key?: { pk: string; sk: string } };
        const key = input.Item ?? input.Key;
        if (key && isSupplierClaim(key) && (input.Item || "UpdateExpression" in input)) {
          const id = `${key.pk} ${key.sk}`;
          if (!written.has(id)) {
            written.add(id);
            await new Promise((r) => setTimeout(r, 40));
          }
        }
        return next(args);
      },
      { step: "initialize", name: "slowFirstClaims" },
    );
    let res: ApiResponse;
    try {
      res = await upload(slowed.id, slowed.accepted);
    } finally {
      db.middlewareStack.remove("slowFirstClaims");
    }
    expect(res.status, res.text).toBe(200);
    expect(written.size).toBeGreaterThan(50);
    const valuesOf = (r: ApiResponse) => r.body.results.map((x: { value: unknown }) => x.value);
    expect(valuesOf(res)).toEqual(valuesOf(expected));
    expect(await verifiedTotals(slowed.id)).toEqual(await verifiedTotals(reference.id));
  }, 120_000);

  it("racing single submissions of its candidates: no candidate counted twice, all rows or none", async () => {
    const id = await newContract(tokens.officer, "ZW-PAR-RACE");
    const rows = Array.from({ length: 60 }, (_, n) => ({
      ...row(
        n % 2 ? "pwet-gt-2y" : "work-experience",
        "2025-01-01",
        "2025-03-31",
        "2025-Q1",
        n % 2 ? 0.5 : undefined,
      ),
      candidateRef: `RACE-${n}`,
    }));
    // Twenty of them (both kinds) also reported on their own, overlapping, while the upload runs.
    const racing = rows.filter((_, n) => n % 3 === 0);
    const [uploaded, ...singles] = await Promise.all([
      upload(id, rows),
      ...racing.map((r) =>
        submit(id, { ...r, startDate: "2025-02-01", endDate: "2025-02-28", period: "2025-02" }),
      ),
    ]);
    expect([200, 422]).toContain(uploaded.status);
    expect(singles.every((s) => s.status === 201 || s.status === 422)).toBe(true);
    const won = singles.filter((s) => s.status === 201).length;
    const entries = await entriesOf(id);
    expect(entries).toHaveLength((uploaded.status === 200 ? rows.length : 0) + won);
    if (uploaded.status === 200) expect(won).toBe(0);
    else expect(uploaded.body.code).toBe("rows-invalid");
    // Each candidate at most once, and its claims hold exactly its entries: nothing left by the loser.
    const claims = await activeClaims(
      id,
      rows.map((r) => r.candidateRef),
    );
    for (const c of claims) {
      const own = entries.filter((e) => e.candidateRef === c.ref);
      expect(own.length, c.ref).toBeLessThanOrEqual(1);
      expect(c.contract, c.ref).toHaveLength(own.length);
      const employed = rows.find((r) => r.candidateRef === c.ref)!.fte !== undefined;
      expect(c.fte, c.ref).toHaveLength(employed ? own.length : 0);
    }
    await verifiedTotals(id);
    expect(await uploadEvents(id)).toHaveLength(uploaded.status === 200 ? 1 : 0);
  }, 120_000);

  it("crashed at any point of its parallel steps, the retry with the same key completes it exactly once", async () => {
    // A clean upload counts its writes and gives the figures every retried one must end with.
    const clean = await prepared("PAR-X", 40);
    const writes = { count: 0 };
    mock = injectFaults((name) => {
      if (!isRead(name)) writes.count++;
      return undefined;
    });
    expect((await upload(clean.id, clean.accepted)).status).toBe(200);
    mock.restore();
    const expected = await verifiedTotals(clean.id);

    const crashes = [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95].map((f) => Math.floor(writes.count * f));
    for (const [n, crashAt] of crashes.entries()) {
      const tag = `PAR-X${n}`;
      const { id, accepted, before } = await prepared(tag, 40);
      const key = newKey();
      let seen = 0;
      // From write `crashAt` on every write fails: the request dies there, nothing can be undone.
      mock = injectFaults((name) =>
        !isRead(name) && seen++ >= crashAt ? new Error(`simulated crash at write ${crashAt}`) : undefined,
      );
      expect((await upload(id, accepted, key)).status, `crash at write ${crashAt}`).toBe(500);
      mock.restore();
      mock = undefined;

      clock.advance(31_000); // the crashed request's hold on its key expires
      const retried = await upload(id, accepted, key);
      expect(retried.status, `retry after a crash at write ${crashAt}: ${retried.text}`).toBe(200);
      const entries = await entriesOf(id);
      const created = retried.body.results.map((r: { entryId: string }) => r.entryId);
      expect(entries.filter((e) => created.includes(e.id))).toHaveLength(accepted.length);
      expect(await verifiedTotals(id), `crash at write ${crashAt}`).toEqual(expected);
      expect(await uploadEvents(id)).toHaveLength(1);
      for (const entryId of created) expect(await submittedEvents(id, entryId)).toHaveLength(1);
      // Each candidate's claim holds one active period per entry: its rows and what was stored before.
      const periods = [...accepted, ...before].map((r) => r.candidateRef);
      for (const c of await activeClaims(id, [...new Set(periods)]))
        expect(c.contract, `${c.ref} after a crash at write ${crashAt}`).toHaveLength(
          periods.filter((ref) => ref === c.ref).length,
        );
      expect(await markersLeft(id)).toEqual([]);
    }
  }, 300_000);
});
