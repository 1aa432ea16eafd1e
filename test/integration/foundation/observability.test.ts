import { afterEach, describe, expect, it, vi } from "vitest";
import { injectFaults } from "../../support/faults.js";
import { call, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { newContract } from "../sroi/support.js";

// Before the Powertools instances are created: this file reads the logs and metrics other tests silence.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = "INFO";
  process.env.POWERTOOLS_METRICS_DISABLED = "false";
});

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

type Json = Record<string, any>;

/** What the process writes to stdout and stderr (the Powertools log and EMF sinks), swallowed. */
function captureOutput() {
  const chunks: string[] = [];
  const grab = ((chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  }) as never;
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(grab),
    vi.spyOn(process.stderr, "write").mockImplementation(grab),
  ];
  restore = () => {
    for (const spy of spies) spy.mockRestore();
  };
  const text = () => chunks.join("");
  const documents = (): Json[] =>
    text()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line));
  return {
    text,
    requestLines: () => documents().filter((d) => d.message === "request"),
    emf: () => documents().filter((d) => d._aws),
  };
}
let restore = () => {};
afterEach(() => restore());

const entry = (candidateRef: string, extra: Json = {}) => ({
  blockId: "pwet-gt-2y",
  candidateRef,
  startDate: "2025-01-01",
  endDate: "2025-06-30",
  fte: 0.5,
  period: "2025-H1",
  ...extra,
});

describe("request log lines", () => {
  it("one JSON line per request: correlation id, route, method, status, role, organisation, outcome, duration", async () => {
    const out = captureOutput();
    const me = await call("GET", "/v1/me", {
      token: tokens.officer,
      headers: { "x-correlation-id": "corr-obs-0001" },
    });
    const missing = await call("GET", "/v1/tenders/no-such-tender", { token: tokens.officer });
    const anonymous = await call("GET", "/v1/me");
    restore();

    expect([me.status, missing.status, anonymous.status]).toEqual([200, 404, 401]);
    const lines = out.requestLines();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      level: "INFO",
      service: "impact-procurement",
      correlationId: "corr-obs-0001",
      routeKey: "GET /v1/me",
      method: "GET",
      status: 200,
      role: "officer",
      orgId: DEMO.municipalities[0],
      outcome: "ok",
      cold_start: expect.any(Boolean),
      function_request_id: expect.any(String),
    });
    expect(lines[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(lines[1]).toMatchObject({
      correlationId: missing.headers["x-correlation-id"],
      routeKey: "GET /v1/tenders/{tenderId}",
      status: 404,
      role: "officer",
      outcome: "not-found",
    });
    // Refused before anyone is known: no role, no organisation.
    expect(lines[2]).toMatchObject({ status: 401, outcome: "unauthenticated" });
    expect(lines[2]).not.toHaveProperty("role");
    expect(lines[2]).not.toHaveProperty("orgId");
  });

  it("never logs the token, the Authorization header, a candidate reference or a body, also on 422 and 500", async () => {
    const out = captureOutput();
    const contractId = await newContract(tokens.officer, "ZW-OBS-1");
    const candidateRef = "CAND-OBS-SECRET-7Q";
    const note = "body-marker-never-logged";
    const first = await call("POST", `/v1/contracts/${contractId}/entries`, {
      token: supplier,
      body: entry(candidateRef, { note }),
      idempotencyKey: newKey(),
    });
    // Its detail names the candidate: fine in the response to the supplier, never in the logs.
    const overlap = await call("POST", `/v1/contracts/${contractId}/entries`, {
      token: supplier,
      body: entry(candidateRef, { note }),
    });
    const faults = injectFaults((command) =>
      command === "Put" || command === "Update" ? new Error("simulated store outage") : undefined,
    );
    // Restored even when the call throws, so no later case runs against the failing store.
    const failed = await call("POST", `/v1/contracts/${contractId}/entries`, {
      token: supplier,
      body: entry(candidateRef, { note, startDate: "2025-07-01", endDate: "2025-09-30", period: "2025-Q3" }),
    }).finally(() => faults.restore());
    restore();

    expect([first.status, overlap.status, failed.status]).toEqual([201, 422, 500]);
    expect(overlap.body.detail).toContain(candidateRef);
    const lines = out.requestLines().filter((l) => l.routeKey === "POST /v1/contracts/{contractId}/entries");
    expect(lines.map((l) => [l.status, l.outcome])).toEqual([
      [201, "ok"],
      [422, "candidate-overlap"],
      [500, "internal"],
    ]);
    // The 500: the error with its stack on the server side, only the correlation id in the response.
    expect(lines[2]).toMatchObject({
      level: "ERROR",
      correlationId: failed.body.correlationId,
      error: { message: "simulated store outage", stack: expect.stringContaining("simulated store outage") },
    });
    expect(failed.text).not.toContain("simulated store outage");
    expect(failed.text).not.toMatch(/\bat \S+:\d+/);

    const logged = out.text();
    expect(logged).not.toContain(supplier);
    expect(logged).not.toContain(supplier.split(".")[1]!); // not even the claims part
    expect(logged).not.toMatch(/bearer|authorization/i);
    expect(logged).not.toContain(candidateRef);
    expect(logged).not.toContain(note);
  });
});

describe("business metrics (EMF)", () => {
  it("counts a submitted entry once (an idempotent replay is not counted) and a review by its decision", async () => {
    const out = captureOutput();
    const contractId = await newContract(tokens.officer, "ZW-OBS-2");
    const key = newKey();
    const submit = () =>
      call("POST", `/v1/contracts/${contractId}/entries`, {
        token: supplier,
        body: entry("CAND-OBS-M1"),
        idempotencyKey: key,
      });
    const submitted = await submit();
    const replayed = await submit();
    const reviewed = await call("POST", `/v1/contracts/${contractId}/entries/${submitted.body.id}/review`, {
      token: tokens.auditor,
      body: { decision: "accept", reason: "payroll checked" },
    });
    restore();

    expect([submitted.status, replayed.status, reviewed.status]).toEqual([201, 201, 200]);
    expect(replayed.headers["idempotent-replayed"]).toBe("true");
    const documents = out.emf();
    expect(documents).toHaveLength(2);
    expect(documents[0]).toMatchObject({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: "ImpactProcurement",
            Dimensions: [["service", "area"]],
            Metrics: [{ Name: "EntriesSubmitted", Unit: "Count" }],
          },
        ],
      },
      service: "impact-procurement",
      area: "contracts",
      EntriesSubmitted: 1,
    });
    expect(documents[1]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: "EntriesAccepted", Unit: "Count" }] }] },
      EntriesAccepted: 1,
    });
    expect(documents[1]).not.toHaveProperty("EntriesRejected");
  });

  it("counts every problem by its code, in a document of its own", async () => {
    const out = captureOutput();
    const refused = await call("POST", "/v1/tenders/no-such-tender/bids", {
      token: supplier,
      body: { price: { amount: 1, currency: "EUR" } },
    });
    restore();

    expect(refused.body).toMatchObject({ status: 404, code: "not-found" });
    const [document] = out.emf();
    expect(out.emf()).toHaveLength(1);
    expect(document).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: "ImpactProcurement",
            Dimensions: [["service", "area", "code"]],
            Metrics: [{ Name: "Problems", Unit: "Count" }],
          },
        ],
      },
      service: "impact-procurement",
      area: "tenders",
      code: "not-found",
      Problems: 1,
    });
    expect(document).not.toHaveProperty("BidsSubmitted");
  });
});
