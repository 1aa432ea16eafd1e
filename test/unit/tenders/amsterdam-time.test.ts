import { describe, expect, it } from "vitest";
import {
  addAmsterdamDays,
  amsterdamDate,
  parseDeadline,
  toAmsterdamLocal,
} from "../../../lib/domain/amsterdam-time.js";

describe("deadlines in Amsterdam time", () => {
  it("reads wall-clock times in winter (UTC+1) and summer (UTC+2)", () => {
    expect(parseDeadline("2026-03-02T12:00").toISOString()).toBe("2026-03-02T11:00:00.000Z");
    expect(parseDeadline("2026-07-01T12:00:30").toISOString()).toBe("2026-07-01T10:00:30.000Z");
  });

  it("takes an explicit offset as given", () => {
    expect(parseDeadline("2026-07-01T12:00:00Z").toISOString()).toBe("2026-07-01T12:00:00.000Z");
    expect(parseDeadline("2026-07-01T12:00:00+02:00").toISOString()).toBe("2026-07-01T10:00:00.000Z");
  });

  it("handles the switch to and from summer time", () => {
    // 29 March 2026: 02:00 → 03:00. 02:30 does not exist.
    expect(() => parseDeadline("2026-03-29T02:30")).toThrow(/does not exist/);
    expect(parseDeadline("2026-03-29T03:00").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    // 25 October 2026: 03:00 → 02:00; 02:30 happens twice and is read as the second (winter time, UTC+1).
    expect(parseDeadline("2026-10-25T02:30").toISOString()).toBe("2026-10-25T01:30:00.000Z");
  });

  it("shows instants in Amsterdam time and dates by the Amsterdam calendar", () => {
    expect(toAmsterdamLocal(new Date("2026-01-15T23:30:00Z"))).toBe("2026-01-16T00:30:00");
    expect(amsterdamDate(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });

  it("writes a year before 1000 with four digits, so such a time reads back (the local mean time of then)", () => {
    const local = toAmsterdamLocal(Date.UTC(449, 8, 1));
    expect(local).toMatch(/^0449-09-01T00:\d{2}:\d{2}$/);
    expect(toAmsterdamLocal(parseDeadline(local.slice(0, 16)))).toBe(`${local.slice(0, 16)}:00`);
  });

  it("refuses malformed input", () => {
    expect(() => parseDeadline("2026-13-01T12:00")).toThrow("not a valid date-time");
    expect(() => parseDeadline("2026-02-30T12:00")).toThrow("not a valid date-time");
    expect(() => parseDeadline("tomorrow")).toThrow(RangeError);
  });

  it("adds calendar days in Amsterdam, keeping the wall-clock time across summer-time changes", () => {
    const plus = (local: string, days: number) =>
      toAmsterdamLocal(addAmsterdamDays(parseDeadline(local), days));
    // Across the October change (UTC+2 → UTC+1): 20 days are 20 × 24 hours + 1 hour.
    const october = addAmsterdamDays(parseDeadline("2026-10-20T10:00"), 20);
    expect(october.toISOString()).toBe("2026-11-09T09:00:00.000Z");
    expect(toAmsterdamLocal(october)).toBe("2026-11-09T10:00:00");
    // Across the March change (UTC+1 → UTC+2): 20 × 24 hours − 1 hour.
    expect(addAmsterdamDays(parseDeadline("2026-03-20T10:00"), 20).toISOString()).toBe(
      "2026-04-09T08:00:00.000Z",
    );
    expect(plus("2026-03-20T10:00", 20)).toBe("2026-04-09T10:00:00");
    // Without a change it is plain days; milliseconds are kept.
    expect(addAmsterdamDays(new Date("2026-05-04T08:00:00.123Z"), 20).toISOString()).toBe(
      "2026-05-24T08:00:00.123Z",
    );
    expect(addAmsterdamDays(new Date("2026-10-20T08:00:00.456Z"), 20).toISOString()).toBe(
      "2026-11-09T09:00:00.456Z",
    );
    // Across a year end; onto 02:30 on 25 October (which happens twice) as parseDeadline reads it.
    expect(plus("2026-12-31T23:30", 1)).toBe("2027-01-01T23:30:00");
    expect(addAmsterdamDays(new Date("2026-10-24T00:30:00Z"), 1).toISOString()).toBe(
      "2026-10-25T01:30:00.000Z",
    );
    // 02:30 on 29 March 2026 does not exist: 24 hours later instead (03:30 summer time).
    expect(addAmsterdamDays(parseDeadline("2026-03-28T02:30"), 1).toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(plus("2026-03-28T02:30", 1)).toBe("2026-03-29T03:30:00");
  });
});
