import { describe, expect, it } from "vitest";
import { amsterdamDate, parseDeadline, toAmsterdamLocal } from "../../../lib/tenders/amsterdam-time.js";

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
    // 25 October 2026: 03:00 → 02:00; 02:30 happens twice and is read as one of them.
    expect(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]).toContain(
      parseDeadline("2026-10-25T02:30").toISOString(),
    );
  });

  it("shows instants in Amsterdam time and dates by the Amsterdam calendar", () => {
    expect(toAmsterdamLocal(new Date("2026-01-15T23:30:00Z"))).toBe("2026-01-16T00:30:00");
    expect(amsterdamDate(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });

  it("refuses malformed input", () => {
    expect(() => parseDeadline("2026-13-01T12:00")).toThrow("not a valid date-time");
    expect(() => parseDeadline("2026-02-30T12:00")).toThrow("not a valid date-time");
    expect(() => parseDeadline("tomorrow")).toThrow(RangeError);
  });
});
