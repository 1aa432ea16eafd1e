import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  easterSunday,
  holidayOn,
  holidaysOf,
  isNonWorkingDay,
  weekdayOf,
} from "../../../lib/domain/procurement/holidays.js";
import { addDays } from "../../../lib/domain/sroi/balance.js";

describe("Easter Sunday (Gregorian computus)", () => {
  it("matches the published dates, including the earliest and latest possible", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2000)).toBe("2000-04-23");
    expect(easterSunday(2038)).toBe("2038-04-25"); // latest possible date
    expect(easterSunday(2285)).toBe("2285-03-22"); // earliest possible date
  });

  it("is always a Sunday between 22 March and 25 April", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(weekdayOf(easter)).toBe(0);
        expect(easter.slice(5) >= "03-22" && easter.slice(5) <= "04-25").toBe(true);
      }),
    );
  });
});

describe("holidays of the Algemene termijnenwet", () => {
  it("lists the 2026 holidays: Easter Monday, Ascension (Easter + 39), Whit Monday (Easter + 50) and the fixed days", () => {
    expect(holidaysOf(2026)).toEqual([
      { date: "2026-01-01", name: "Nieuwjaarsdag" },
      { date: "2026-04-06", name: "Tweede Paasdag" },
      { date: "2026-04-27", name: "Koningsdag" },
      { date: "2026-05-05", name: "Bevrijdingsdag" },
      { date: "2026-05-14", name: "Hemelvaartsdag" },
      { date: "2026-05-25", name: "Tweede Pinksterdag" },
      { date: "2026-12-25", name: "Eerste Kerstdag" },
      { date: "2026-12-26", name: "Tweede Kerstdag" },
    ]);
  });

  it("moves Koningsdag to Saturday 26 April when 27 April is a Sunday", () => {
    expect(weekdayOf("2025-04-27")).toBe(0);
    expect(holidayOn("2025-04-26")?.name).toBe("Koningsdag");
    expect(holidayOn("2025-04-27")).toBeUndefined();
    expect(holidayOn("2031-04-26")?.name).toBe("Koningsdag");
  });

  it("does not count Good Friday or Easter Sunday itself as a holiday of the Act", () => {
    expect(holidayOn("2026-04-03")).toBeUndefined(); // Good Friday
    expect(isNonWorkingDay("2026-04-03")).toBe(false);
    expect(holidayOn("2026-04-05")).toBeUndefined(); // a Sunday, non-working as a Sunday
    expect(isNonWorkingDay("2026-04-05")).toBe(true);
  });

  it("treats Saturdays, Sundays and the holidays as non-working, every other day as working", () => {
    expect(isNonWorkingDay("2026-05-14")).toBe(true); // Ascension, a Thursday
    expect(isNonWorkingDay("2026-05-15")).toBe(false);
    expect(isNonWorkingDay("2026-05-16")).toBe(true);
    expect(isNonWorkingDay("2026-05-17")).toBe(true);
    expect(isNonWorkingDay("2026-05-18")).toBe(false);
  });

  it("has eight holidays a year, Ascension on a Thursday and the Easter and Whit Mondays on Mondays", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const list = holidaysOf(year);
        expect(list).toHaveLength(8);
        const easter = easterSunday(year);
        expect(weekdayOf(addDays(easter, 1))).toBe(1);
        expect(weekdayOf(addDays(easter, 39))).toBe(4);
        expect(weekdayOf(addDays(easter, 50))).toBe(1);
        for (const h of list) expect(h.date.startsWith(`${year}-`)).toBe(true);
      }),
    );
  });
});
