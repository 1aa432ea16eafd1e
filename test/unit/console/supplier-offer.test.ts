import { describe, expect, it } from "vitest";
import { bidBody, fieldOfPath, parseOffer, rowCount } from "../../../lib/console/supplier/offer.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("the bid form's offer lines", () => {
  it("sends only rows with a building block, remembering each line's row", () => {
    const posted = form({
      "lines.0.blockId": "",
      "lines.0.fte": "1",
      "lines.1.blockId": "register",
      "lines.1.fte": "0,5",
      "lines.1.months": "12",
      "lines.2.blockId": "",
      "lines.3.blockId": "work-experience",
      "lines.3.months": "1.5",
    });
    expect(rowCount(posted)).toBe(4);
    expect(parseOffer(posted, "nl")).toEqual({
      lines: [
        { blockId: "register", fte: 0.5, months: 12 },
        { blockId: "work-experience", months: 1.5 },
      ],
      rows: [1, 3],
    });
  });

  it("names the row an API error is about, whichever of the two paths it uses", () => {
    const rows = [1, 3];
    expect(fieldOfPath("socialReturnOffer.1.months", rows)).toBe("lines.3.months");
    expect(fieldOfPath("lines.0.fte", rows)).toBe("lines.1.fte");
    expect(fieldOfPath("socialReturnOffer.0", rows)).toBe("lines.1.blockId");
    expect(fieldOfPath("price.amount", rows)).toBe("price");
    expect(fieldOfPath("certificates.co2-ladder", rows)).toBe("certificateLevel");
    expect(fieldOfPath("psoLevel", rows)).toBe("psoLevel");
  });

  it("builds the bid body; text that is no number goes as null so the API names the field", () => {
    const posted = form({
      price: "1.250.000,50",
      psoLevel: "trede-1",
      certificateScheme: "co2-ladder",
      certificateLevel: "3",
      "lines.0.blockId": "register",
      "lines.0.fte": "veel",
    });
    const body = bidBody(posted, "nl", parseOffer(posted, "nl"));
    expect(body).toEqual({
      price: { amount: 1_250_000.5, currency: "EUR" },
      psoLevel: "trede-1",
      certificates: { "co2-ladder": 3 },
      socialReturnOffer: [{ blockId: "register", fte: null }],
    });
    expect(bidBody(form({ price: "" }), "en", { lines: [], rows: [] })).toEqual({ price: null });
  });
});
