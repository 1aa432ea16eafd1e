import { ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ApiResponse, call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { injectFaults } from "../../support/faults.js";
import { newContract } from "./support.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

/** What the model does next; indexes pick among what exists at that moment (modulo its length). */
type Command =
  | { kind: "submit"; failAt: number | null }
  | { kind: "duplicate"; pick: number; copies: number }
  | { kind: "review"; pick: number; accept: boolean; failAt: number | null }
  | { kind: "reverse"; pick: number; failAt: number | null };

/** null: no fault; n: the request's n-th write (put, update or delete) is throttled. */
const failAt = fc.option(fc.integer({ min: 1, max: 9 }), { nil: null, freq: 2 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant("submit" as const), failAt }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    pick: fc.nat(),
    copies: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant("review" as const), pick: fc.nat(), accept: fc.boolean(), failAt }),
  fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat(), failAt }),
);

interface Sent {
  url: string;
  body: unknown;
  key: string;
}

/** Sends one request; with `failAt`, its n-th write fails as DynamoDB throttling (503 to the caller). */
async function send(
  request: () => Promise<ApiResponse>,
  failAt: number | null,
): Promise<{ res: ApiResponse; faulted: boolean }> {
  if (failAt === null) return { res: await request(), faulted: false };
  let writes = 0;
  const mock = injectFaults((name) => {
    if (name === "Get" || name === "Query") return undefined;
    writes++;
    return writes === failAt
      ? new ProvisionedThroughputExceededException({ message: "Rate exceeded", $metadata: {} })
      : undefined;
  });
  try {
    const res = await request();
    return { res, faulted: writes >= failAt };
  } finally {
    mock.restore();
  }
}

describe("running totals under interleaved operations and faults (model)", () => {
  it("after every answer the totals equal the entries and are verified", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 10 }), async (commands) => {
        run++;
        const id = await newContract(tokens.officer, `ZW-MODEL-${run}`);
        const entriesUrl = `/v1/contracts/${id}/entries`;
        const sent: Sent[] = [];
        const created = new Set<string>(); // keys that answered 201 at least once
        let candidates = 0;
        const post = (s: Sent) =>
          call("POST", s.url, { token: supplier, body: s.body, idempotencyKey: s.key });
        const listEntries = async () =>
          (await call("GET", `${entriesUrl}?limit=500`, { token: supplier })).body.items as {
            id: string;
            status: string;
            reverses: string | null;
          }[];

        for (const c of commands) {
          if (c.kind === "submit") {
            candidates++;
            const month = String((candidates % 12) + 1).padStart(2, "0");
            const s: Sent = {
              url: entriesUrl,
              key: newKey(),
              body: {
                blockId: "work-experience",
                candidateRef: `M${candidates}`,
                startDate: `2025-${month}-01`,
                endDate: `2025-${month}-${month === "02" ? "28" : "30"}`,
                period: `2025-${month}`,
              },
            };
            sent.push(s);
            const { res, faulted } = await send(() => post(s), c.failAt);
            expect(faulted ? [201, 503] : [201]).toContain(res.status);
            if (res.status === 201) created.add(s.key);
          } else if (c.kind === "duplicate" && sent.length > 0) {
            const s = sent[c.pick % sent.length]!;
            const results = await Promise.all(Array.from({ length: c.copies }, () => post(s)));
            for (const r of results) {
              expect([201, 409]).toContain(r.status);
              if (r.status === 409) {
                expect(r.body.code).toBe("request-in-progress");
                expect(r.headers["retry-after"]).toBeDefined();
              } else created.add(s.key);
            }
            expect(results.some((r) => r.status === 201)).toBe(true);
          } else if (c.kind === "review") {
            const open = (await listEntries()).filter((e) => e.status === "submitted");
            if (open.length === 0) continue;
            const entry = open[c.pick % open.length]!;
            const { res, faulted } = await send(
              () =>
                call("POST", `${entriesUrl}/${entry.id}/review`, {
                  token: tokens.auditor,
                  body: { decision: c.accept ? "accept" : "reject", reason: "model" },
                }),
              c.failAt,
            );
            expect(faulted ? [200, 503] : [200]).toContain(res.status);
          } else if (c.kind === "reverse") {
            const all = await listEntries();
            const reversible = all.filter(
              (e) => e.status === "accepted" && !e.reverses && !all.some((r) => r.reverses === e.id),
            );
            if (reversible.length === 0) continue;
            const entry = reversible[c.pick % reversible.length]!;
            const s: Sent = {
              url: `${entriesUrl}/${entry.id}/reversal`,
              key: newKey(),
              body: { reason: "model" },
            };
            sent.push(s);
            const { res, faulted } = await send(() => post(s), c.failAt);
            expect(faulted ? [201, 503] : [201]).toContain(res.status);
            if (res.status === 201) created.add(s.key);
          }
          const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
          expect(balance.body.totalsVerified).toBe(true);
        }

        const check = await call("POST", `/v1/contracts/${id}/totals/recompute?repair=false`, {
          token: tokens.admin,
        });
        expect(check.body).toMatchObject({ consistent: true, inFlight: 0, differences: [] });
        // One entry at most per key (a failed request leaves none), and one for every key that answered 201.
        const entries = await listEntries();
        expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
        expect(entries.length).toBeGreaterThanOrEqual(created.size);
        expect(entries.length).toBeLessThanOrEqual(sent.length);
        const balance = (await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer })).body;
        expect(balance.entries).toEqual({
          submitted: entries.filter((e) => e.status === "submitted").length,
          accepted: entries.filter((e) => e.status === "accepted").length,
          rejected: entries.filter((e) => e.status === "rejected").length,
        });
      }),
      { numRuns: 15 },
    );
  }, 180_000);
});
