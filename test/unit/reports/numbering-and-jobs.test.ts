import { describe, expect, it } from "vitest";
import { issueYear, reportNumber } from "../../../lib/domain/reports/numbering.js";
import { effectiveStatus } from "../../../lib/jobs/records.js";

describe("report numbers", () => {
  it("are the region in capitals, the year and at least four digits", () => {
    expect(reportNumber("oost-nederland", 2026, 1)).toBe("OOST-NEDERLAND-2026-0001");
    expect(reportNumber("utrecht", 2027, 12345)).toBe("UTRECHT-2027-12345");
    expect(() => reportNumber("utrecht", 2027, 0)).toThrow(RangeError);
  });

  it("take the Amsterdam year of issue, which starts an hour or two before UTC's", () => {
    expect(issueYear(new Date("2026-12-31T22:59:59Z"))).toBe(2026);
    expect(issueYear(new Date("2026-12-31T23:00:00Z"))).toBe(2027);
    expect(issueYear(new Date("2027-06-30T22:30:00Z"))).toBe(2027);
  });
});

describe("a job's status as shown", () => {
  const now = new Date("2026-07-01T12:00:00Z");
  const lease = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

  it("is the stored status, except a crashed last attempt whose lease has ended: failed", () => {
    expect(effectiveStatus({ status: "queued", attempts: 0, leaseUntil: null }, now, 5)).toBe("queued");
    expect(effectiveStatus({ status: "running", attempts: 5, leaseUntil: lease(1) }, now, 5)).toBe("running");
    expect(effectiveStatus({ status: "running", attempts: 5, leaseUntil: lease(-1) }, now, 5)).toBe("failed");
    // A crash before the last attempt: the message comes back, the job is still on its way.
    expect(effectiveStatus({ status: "running", attempts: 4, leaseUntil: lease(-1) }, now, 5)).toBe(
      "running",
    );
    expect(effectiveStatus({ status: "done", attempts: 5, leaseUntil: null }, now, 5)).toBe("done");
  });
});
