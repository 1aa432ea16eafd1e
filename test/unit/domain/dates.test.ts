import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIsoDate, isIsoDateTime, parseInstant } from "../../../lib/domain/dates.js";
import { InvalidInput } from "../../../lib/domain/errors.js";
import { scoreBids } from "../../../lib/domain/scoring/engine.js";
import { parseDeadline } from "../../../lib/domain/amsterdam-time.js";
import { isoDateSchema, isoDateTimeSchema } from "../../../lib/schemas/common.js";

/** One checked reading of ISO 8601 dates and instants: JavaScript's Date would roll 30 February over to March. */

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const two = (n: number) => String(n).padStart(2, "0");
const dateArb = fc
  .record({
    y: fc.integer({ min: 1, max: 9999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ({ y, m, d, text: `${String(y).padStart(4, "0")}-${two(m)}-${two(d)}` }));

describe("calendar dates", () => {
  it("accepts exactly the days the month has (leap years included)", () => {
    fc.assert(
      fc.property(dateArb, ({ y, m, d, text }) => {
        const exists = d <= daysIn(y < 100 ? y + 400 : y, m); // Date.UTC maps 0-99 to 19xx; the leap rule repeats every 400 years
        expect(isIsoDate(text)).toBe(exists);
        expect(isoDateSchema.safeParse(text).success).toBe(exists);
      }),
    );
  });

  it("refuses rolled-over and malformed dates", () => {
    for (const bad of [
      "2027-02-29",
      "2027-02-30",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-1-01",
      "20260101",
      "",
    ]) {
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(isIsoDate("2028-02-29")).toBe(true);
  });
});

describe("instants (date-time with an offset)", () => {
  it.each([
    "2027-02-30T12:00:00Z",
    "2027-02-29T12:00:00+01:00",
    "2026-04-31T08:00Z",
    "2026-06-01T24:00:00Z",
    "2026-06-01T23:60:00Z",
    "2026-06-01T23:59:60Z",
    "2026-06-01T12:00:00+25:00",
    "2026-06-01T12:00:00",
  ])("refuses %s", (value) => {
    expect(isIsoDateTime(value)).toBe(false);
    expect(() => parseInstant(value)).toThrow(RangeError);
    expect(isoDateTimeSchema.safeParse(value).success).toBe(false);
  });

  it("reads valid instants exactly", () => {
    expect(parseInstant("2028-02-29T23:30:00.250+01:00").toISOString()).toBe("2028-02-29T22:30:00.250Z");
    expect(parseInstant("2026-12-31T23:59:59Z").toISOString()).toBe("2026-12-31T23:59:59.000Z");
  });

  it("a valid instant always reads back as itself", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("0001-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (date) => {
          expect(parseInstant(date.toISOString()).getTime()).toBe(date.getTime());
        },
      ),
    );
  });
});

describe("submission deadlines with an offset", () => {
  it("refuse impossible dates, as wall-clock deadlines do", () => {
    expect(() => parseDeadline("2027-02-30T12:00:00Z")).toThrow(RangeError);
    expect(() => parseDeadline("2027-02-29T12:00:00+01:00")).toThrow(RangeError);
    expect(() => parseDeadline("2027-02-30T12:00")).toThrow(RangeError);
  });
});

describe("the scoring engine's submission times", () => {
  it("refuses a rolled-over instant with the bid's path (the engine is also called without the wire schema)", () => {
    const run = (submittedAt: string) =>
      scoreBids(
        {
          awardModel: { method: "lowest-price", tieBreakers: ["earlier-submission"] },
          bids: [{ id: "A", price: { amount: 100, currency: "EUR" }, submittedAt }],
        },
        {},
      );
    expect(() => run("2027-02-30T12:00:00Z")).toThrow(InvalidInput);
    try {
      run("2027-02-30T12:00:00Z");
    } catch (error) {
      expect((error as InvalidInput).errors).toEqual([
        { path: "bids.0.submittedAt", message: expect.any(String) },
      ]);
    }
    expect(run("2027-02-28T12:00:00Z").ranking[0]!.rank).toBe(1);
  });
});
