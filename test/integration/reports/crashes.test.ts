import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as worker } from "../../../functions/jobs/worker.js";
import { reportCounterEntity, reportCounterKey, reportNumberClaimKey } from "../../../lib/entities/report.js";
import { MAX_JOB_ATTEMPTS } from "../../../lib/jobs/limits.js";
import { loadJob } from "../../../lib/jobs/records.js";
import { useReportGenerator } from "../../../lib/reports/generate.js";
import { getItem } from "../../../lib/store/ops.js";
import { call, DEMO, type DemoTokens, newKey, seedDemo, useClock } from "../../support/api.js";
import { type CommandName, injectFaults } from "../../support/faults.js";
import { type Faults, faultyGenerator } from "./support.js";

/**
 * The AWS path: a request sends an SQS message, the worker function runs the job, a failed attempt is
 * listed in batchItemFailures and redelivered. A crash is injected at every DynamoDB write of an
 * issue in turn — before the write, and after it with its answer lost — and at every step of the
 * generator; each time the redelivery completes the report, and the region's numbers stay 1…N, each
 * claimed by exactly one report.
 */

useClock(new Date("2026-09-30T21:59:00Z"));

const data: Faults = {};
const sqs = mockClient(SQSClient);
let tokens: DemoTokens;
const sent: string[] = [];

beforeAll(async () => {
  process.env.JOBS_QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/000000000000/jobs";
  sqs.on(SendMessageCommand).callsFake((input: { MessageBody: string }) => {
    sent.push(JSON.parse(input.MessageBody).jobId);
    return { MessageId: newKey() };
  });
  useReportGenerator(faultyGenerator(data));
  tokens = await seedDemo();
});
afterAll(() => {
  delete process.env.JOBS_QUEUE_URL;
  sqs.restore();
  useReportGenerator(undefined);
});

const WRITES: CommandName[] = ["Put", "Update", "Delete", "BatchWrite"];

const delivery = (jobId: string, receiveCount: number): SQSEvent => ({
  Records: [
    {
      messageId: `m-${jobId}`,
      body: JSON.stringify({ jobId }),
      attributes: { ApproximateReceiveCount: String(receiveCount) },
    } as unknown as SQSRecord,
  ],
});

async function request(): Promise<string> {
  const res = await call("POST", `/v1/regions/${DEMO.region}/reports`, {
    token: tokens.auditor,
    body: { period: { from: "2026-01", to: "2026-06" }, scope: "region" },
    idempotencyKey: newKey(),
  });
  expect(res.status, res.text).toBe(202);
  expect(sent.at(-1)).toBe(res.body.id);
  return res.body.id;
}

/** Runs one delivery with the `k`th write failing (before it, or after it with its answer lost); whether it was reached. */
async function deliverWithCrash(jobId: string, k: number, lost: boolean): Promise<boolean> {
  let writes = 0;
  let reached = false;
  const crashAt = (when: "before" | "after") => (command: CommandName, input: any) => {
    if (!WRITES.includes(command) || (when === "after") !== lost) return undefined;
    // Progress is only a display: a failed progress write is logged, the issue goes on.
    if (Object.values(input.ExpressionAttributeNames ?? {}).includes("progress")) return undefined;
    if (++writes !== k) return undefined;
    reached = true;
    return Object.assign(new Error(`injected crash ${when} write ${k}`), { name: "InternalServerError" });
  };
  const mock = injectFaults(crashAt("before"), crashAt("after"));
  try {
    const outcome = await worker(delivery(jobId, 1));
    if (reached) expect(outcome.batchItemFailures).toEqual([{ itemIdentifier: `m-${jobId}` }]);
  } finally {
    mock.restore();
  }
  return reached;
}

async function numberOf(id: string): Promise<string> {
  const report = await call("GET", `/v1/reports/${id}`, { token: tokens.auditor });
  expect(report.body.status, id).toBe("issued");
  return report.body.number;
}

describe("a crash at any step of issuing, then the redelivery", () => {
  const issued: string[] = [];

  it("leaves no gap and no second number, whichever write the crash hits", async () => {
    for (const lost of [false, true]) {
      for (let k = 1; ; k++) {
        const id = await request();
        const reached = await deliverWithCrash(id, k, lost);
        expect((await worker(delivery(id, 2))).batchItemFailures).toEqual([]);
        issued.push(id);
        if (!reached) break;
        expect(k, "an issue makes a bounded number of writes").toBeLessThan(40);
      }
    }
    expect(issued.length).toBeGreaterThan(10);
    await expectConsecutive(issued);
    // Some forty issues in turn, each through the HTTP handler: three times the default on a busy machine.
  }, 60_000);

  it("leaves no gap when the input, figures, PDF or CSV step throws", async () => {
    const before = issued.length;
    for (const step of ["input", "figures", "pdf", "csv"] as const) {
      data.failAt = step;
      data.failures = 1;
      const id = await request();
      expect((await worker(delivery(id, 1))).batchItemFailures).toHaveLength(1);
      expect((await worker(delivery(id, 2))).batchItemFailures).toEqual([]);
      issued.push(id);
    }
    data.failAt = undefined;
    expect(issued.length).toBe(before + 4);
    await expectConsecutive(issued);
  });

  it("a redelivered message of a done job changes nothing", async () => {
    const id = await request();
    await worker(delivery(id, 1));
    const done = await loadJob(id);
    expect(done?.status).toBe("done");
    expect((await worker(delivery(id, 2))).batchItemFailures).toEqual([]);
    expect(await loadJob(id)).toEqual(done);
    issued.push(id);
    await expectConsecutive(issued);
  });

  it("marks the job failed on the last receive; a redrive issues it with the number it holds", async () => {
    data.failAt = "pdf";
    data.failures = MAX_JOB_ATTEMPTS;
    const id = await request();
    for (let receive = 1; receive <= MAX_JOB_ATTEMPTS; receive++)
      expect((await worker(delivery(id, receive))).batchItemFailures).toHaveLength(1);
    const failed = await call("GET", `/v1/reports/${id}`, { token: tokens.auditor });
    expect(failed.body).toMatchObject({
      status: "failed",
      number: null,
      error: expect.stringContaining("pdf"),
    });
    expect((await loadJob(id))?.attempts).toBe(MAX_JOB_ATTEMPTS);

    // The cause is gone; the message is moved back from the dead-letter queue.
    expect((await worker(delivery(id, 1))).batchItemFailures).toEqual([]);
    issued.push(id);
    await expectConsecutive(issued);
  });

  it("a message without a job id is acknowledged, not retried", async () => {
    const event = { Records: [{ messageId: "x", body: "not json", attributes: {} }] } as unknown as SQSEvent;
    expect(await worker(event)).toEqual({ batchItemFailures: [] });
  });

  async function expectConsecutive(ids: string[]) {
    const numbers = await Promise.all(ids.map(numberOf));
    // 21:59 UTC on 30 September is 23:59 in Amsterdam: still 2026 there (and in UTC).
    const expected = ids.map((_, i) => `OOST-NEDERLAND-2026-${String(i + 1).padStart(4, "0")}`);
    expect([...numbers].sort()).toEqual(expected);
    for (const [i, id] of ids.entries()) {
      const claim = await getItem(reportNumberClaimKey(DEMO.region, 2026, i + 1));
      expect(claim?.reportId, `number ${i + 1}`).toBe(ids[numbers.indexOf(expected[i]!)]);
      expect(id).toBeTypeOf("string");
    }
    expect(await getItem(reportNumberClaimKey(DEMO.region, 2026, ids.length + 1))).toBeUndefined();
    const counter = await getItem(reportCounterKey(DEMO.region, 2026));
    expect(reportCounterEntity.read(counter).last).toBeLessThanOrEqual(ids.length);
  }
});

describe("the local runtime after a stop", () => {
  it("resumes the jobs an earlier process left open, and lists none once they are done", async () => {
    const { openJobs } = await import("../../../lib/jobs/records.js");
    const { drainLocalJobs, resumeOpenJobs } = await import("../../../lib/jobs/local.js");
    // Requested with a queue that never delivered (as if the process stopped before the job ran).
    const id = await request();
    expect((await openJobs()).map((job) => job.id)).toContain(id);
    const saved = process.env.JOBS_QUEUE_URL;
    delete process.env.JOBS_QUEUE_URL;
    try {
      expect(await resumeOpenJobs()).toContain(id);
      await drainLocalJobs();
    } finally {
      process.env.JOBS_QUEUE_URL = saved;
    }
    expect((await loadJob(id))?.status).toBe("done");
    expect((await openJobs()).map((job) => job.id)).not.toContain(id);
  });
});
