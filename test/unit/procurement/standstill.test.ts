import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addAmsterdamDays,
  amsterdamDate,
  parseDeadline,
  toAmsterdamLocal,
} from "../../../lib/domain/amsterdam-time.js";
import { isNonWorkingDay } from "../../../lib/domain/procurement/holidays.js";
import { MINIMUM_STANDSTILL_DAYS, standstillPeriod } from "../../../lib/domain/procurement/standstill.js";
import { addDays } from "../../../lib/domain/sroi/balance.js";

const at = (local: string) => parseDeadline(local);

describe("standstill period (Aanbestedingswet 2012 art. 2.127, Algemene termijnenwet)", () => {
  it("ships the statutory minimum of 20 calendar days", () => {
    expect(MINIMUM_STANDSTILL_DAYS).toBe(20);
  });

  it("worked example: sent Friday 24 April 2026, the 20th day is Ascension Day, final from Saturday 16 May 00:00", () => {
    expect(standstillPeriod(at("2026-04-24T10:00"), 20, true)).toEqual({
      firstDay: "2026-04-25",
      lastDay: "2026-05-15",
      extendedFrom: { day: "2026-05-14", reason: "Hemelvaartsdag" },
      finalAwardPossibleFrom: "2026-05-16",
      standstillEndsAt: "2026-05-15T22:00:00.000Z",
    });
  });

  it("without the Algemene termijnenwet the same request ends on Ascension Day itself", () => {
    expect(standstillPeriod(at("2026-04-24T10:00"), 20, false)).toEqual({
      firstDay: "2026-04-25",
      lastDay: "2026-05-14",
      extendedFrom: null,
      finalAwardPossibleFrom: "2026-05-15",
      standstillEndsAt: "2026-05-14T22:00:00.000Z",
    });
  });

  it("without a holiday: sent Tuesday 2 June 2026, days 3–22 June (a Monday), final from Tuesday 23 June 00:00", () => {
    expect(standstillPeriod(at("2026-06-02T16:45"), 20, true)).toEqual({
      firstDay: "2026-06-03",
      lastDay: "2026-06-22",
      extendedFrom: null,
      finalAwardPossibleFrom: "2026-06-23",
      standstillEndsAt: "2026-06-22T22:00:00.000Z",
    });
  });

  it("a last day on a Sunday moves to Monday", () => {
    const period = standstillPeriod(at("2026-06-01T09:00"), 20, true);
    expect(period.extendedFrom).toEqual({ day: "2026-06-21", reason: "Sunday" });
    expect(period.lastDay).toBe("2026-06-22");
  });

  it("Christmas and a weekend in a row: Friday 25 December 2026 moves to Monday 28 December", () => {
    const period = standstillPeriod(at("2026-12-05T11:00"), 20, true);
    expect(period.extendedFrom).toEqual({ day: "2026-12-25", reason: "Eerste Kerstdag" });
    expect(period.lastDay).toBe("2026-12-28");
    expect(period.finalAwardPossibleFrom).toBe("2026-12-29");
    expect(period.standstillEndsAt).toBe("2026-12-28T23:00:00.000Z");
  });

  it("counts from the Amsterdam date of the request, not the UTC date", () => {
    // 00:30 on Saturday 25 April in Amsterdam is still Friday 24 April in UTC.
    const requestedAt = at("2026-04-25T00:30");
    expect(requestedAt.toISOString()).toBe("2026-04-24T22:30:00.000Z");
    const period = standstillPeriod(requestedAt, 20, true);
    expect(period.firstDay).toBe("2026-04-26");
    expect(period.lastDay).toBe("2026-05-15");
    expect(period.extendedFrom).toBeNull();
  });

  it("ends at Amsterdam midnight across the summer-time changes", () => {
    // Sent in winter time, ends in summer time (clocks go forward on 29 March 2026).
    const spring = standstillPeriod(at("2026-03-12T10:00"), 20, true);
    expect(spring.lastDay).toBe("2026-04-01");
    expect(spring.standstillEndsAt).toBe("2026-04-01T22:00:00.000Z");
    // Sent in summer time, ends in winter time (clocks go back on 25 October 2026); 1 November is a Sunday.
    const autumn = standstillPeriod(at("2026-10-12T10:00"), 20, true);
    expect(autumn.lastDay).toBe("2026-11-02");
    expect(autumn.standstillEndsAt).toBe("2026-11-02T23:00:00.000Z");
  });

  it("zero days below the EU threshold: no period, the award may become final at once", () => {
    const requestedAt = at("2026-04-24T10:00");
    expect(standstillPeriod(requestedAt, 0, true)).toEqual({
      firstDay: null,
      lastDay: null,
      extendedFrom: null,
      finalAwardPossibleFrom: "2026-04-24",
      standstillEndsAt: requestedAt.toISOString(),
    });
    expect(() => standstillPeriod(requestedAt, -1, true)).toThrow(RangeError);
  });

  const instants = fc
    .integer({ min: Date.parse("2020-01-01T00:00:00Z"), max: Date.parse("2035-12-31T00:00:00Z") })
    .map((ms) => new Date(ms));

  it("with the Act on, the last day is never a Saturday, Sunday or holiday, and at most 4 days late", () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 365 }), (requestedAt, days) => {
        const period = standstillPeriod(requestedAt, days, true);
        const counted = addDays(amsterdamDate(requestedAt), days);
        expect(isNonWorkingDay(period.lastDay!)).toBe(false);
        expect(period.lastDay! >= counted).toBe(true);
        expect(period.lastDay! <= addDays(counted, 4)).toBe(true);
        expect(period.extendedFrom === null).toBe(period.lastDay === counted);
      }),
    );
  });

  it("is never shorter than the days asked: the end is Amsterdam midnight after the last day", () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 365 }), fc.boolean(), (requestedAt, days, act) => {
        const period = standstillPeriod(requestedAt, days, act);
        const ends = new Date(period.standstillEndsAt);
        expect(ends.getTime()).toBeGreaterThan(addAmsterdamDays(requestedAt, days).getTime());
        expect(toAmsterdamLocal(ends)).toBe(`${period.finalAwardPossibleFrom}T00:00:00`);
        expect(period.finalAwardPossibleFrom).toBe(addDays(period.lastDay!, 1));
        if (!act) expect(period.lastDay).toBe(addDays(amsterdamDate(requestedAt), days));
      }),
    );
  });
});
