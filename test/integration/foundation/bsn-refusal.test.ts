import { describe, expect, it } from "vitest";
import { call, clock, DEMO, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { newContract } from "../sroi/support.js";
import { bidBody, tenderBody } from "../tenders/support.js";

/** A BSN, however written, is refused by the real handlers: JSON values, JSON keys, CSV cells and headers. */

const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);
const BSN = "111222333"; // passes the 11-test
const ARABIC_INDIC = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));

/** The refusal names the field and repeats the number in no form. */
function expectRefused(
  response: {
    status: number;
    headers: Record<string, string>;
    body: any;
    text: string;
  },
  code = "bsn-refused",
) {
  expect(response.status).toBe(422);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(response.body.code).toBe(code);
  // The correlation id is random and may hold any digits; nothing else may hold a part of the number.
  const said = JSON.stringify({ ...response.body, correlationId: undefined });
  for (const form of [BSN, "111 222 333", "222", ARABIC_INDIC(BSN)]) expect(said).not.toContain(form);
  expect(response.text).not.toContain(BSN);
  return response.body.errors.map((e: { path: string }) => e.path);
}

describe("BSN refusal through the handlers", () => {
  it("refuses a BSN in a JSON value, whatever separators or digits it is written with", async () => {
    const contractId = await newContract(tokens.officer, "ZW-BSN-JSON-1");
    const entry = (note: string) => ({
      blockId: "work-experience",
      candidateRef: "K1",
      startDate: "2025-01-01",
      endDate: "2025-03-31",
      period: "2025-Q1",
      evidence: ["contract K1"],
      note,
    });
    for (const note of [
      "kandidaat 111\u00a0222\u00a0333",
      "kandidaat 111\u2013222\u2013333",
      "kandidaat 111  222\n333",
      "kandidaat 111/222_333",
      "kandidaat 111\u200b222\u200b333",
      "kandidaat \uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13",
      `kandidaat ${ARABIC_INDIC(BSN)}`,
    ]) {
      const response = await call("POST", `/v1/contracts/${contractId}/entries`, {
        token: supplier,
        body: entry(note),
      });
      expect(expectRefused(response), JSON.stringify(note)).toEqual(["body.note"]);
    }
    const stored = await call("GET", `/v1/contracts/${contractId}/entries`, { token: supplier });
    expect(stored.body.items).toEqual([]);
    // amounts and dates in the same text are not refused
    const ordinary = await call("POST", `/v1/contracts/${contractId}/entries`, {
      token: supplier,
      body: entry("gestart 13-3-2024 10 uur, factuur 1.234.567,08, kvk 12345678, tel 06-12345678"),
    });
    expect(ordinary.status).toBe(201);
  });

  it("refuses a BSN as a JSON key, naming the object and the key's position, and stores nothing", async () => {
    clock.set(new Date("2026-02-02T09:00:00Z"));
    try {
      const draft = await call("POST", "/v1/tenders", {
        token: tokens.officer,
        body: tenderBody(clock.now(), { reference: "ZW-BSN-KEY-1" }),
        idempotencyKey: newKey(),
      });
      expect(draft.status).toBe(201);
      const tenderId = draft.body.id;
      expect(
        (await call("POST", `/v1/tenders/${tenderId}/publish`, { token: tokens.officer, body: {} })).status,
      ).toBe(200);
      const bid = await call("POST", `/v1/tenders/${tenderId}/bids`, {
        token: supplier,
        idempotencyKey: newKey(),
        body: bidBody(2_000_000, { certificates: { "co2-ladder": 3, [BSN]: 1 } }),
      });
      // integer-like keys come first in a parsed object
      expect(expectRefused(bid)).toEqual(["body.certificates.<key 0>"]);
      // an unknown key is refused as a BSN before the schema could quote it as unknown
      const withExtra = { ...bidBody(2_000_000), [`kandidaat ${BSN}`]: true };
      const extra = await call("POST", `/v1/tenders/${tenderId}/bids`, {
        token: supplier,
        idempotencyKey: newKey(),
        body: withExtra,
      });
      expect(expectRefused(extra)).toEqual([`body.<key ${Object.keys(withExtra).length - 1}>`]);
      const mine = await call("GET", `/v1/tenders/${tenderId}/bids`, { token: supplier });
      expect(mine.body).toMatchObject({ count: 0, items: [] });
    } finally {
      clock.reset();
    }
  });

  it("refuses a CSV upload with a BSN in a cell or in the header, naming row and column", async () => {
    const contractId = await newContract(tokens.officer, "ZW-BSN-CSV-1");
    const upload = (csv: string) =>
      call("POST", `/v1/contracts/${contractId}/entries/import`, {
        token: supplier,
        rawBody: csv,
        headers: { "content-type": "text/csv" },
      });
    const header = "blockId;candidateRef;startDate;endDate;period;hours;note\n";
    const cell = await upload(
      `${header}work-experience;C1;2025-01-01;2025-03-31;2025-Q1;;\nwork-experience;C2;2025-01-01;2025-03-31;2025-Q1;;kandidaat 111\u00a0222\u00a0333\n`,
    );
    // A refused row of an upload is one of its rows-invalid, with the BSN refusal as the row's code.
    expect(expectRefused(cell, "rows-invalid")).toEqual(["rows.3.note"]);
    expect(cell.body.errors[0].code).toBe("bsn-refused");
    const arabic = await upload(
      `${header}work-experience;K ${ARABIC_INDIC(BSN)};2025-01-01;2025-03-31;2025-Q1;;\n`,
    );
    expect(expectRefused(arabic, "rows-invalid")).toEqual(["rows.2.candidateRef"]);
    expect(arabic.body.errors[0].code).toBe("bsn-refused");
    const headerCell = await upload(`blockId;kandidaat ${BSN};period\nwork-experience;x;2025-Q1\n`);
    expect(expectRefused(headerCell)).toEqual(["header.1"]);
    const stored = await call("GET", `/v1/contracts/${contractId}/entries`, { token: supplier });
    expect(stored.body.items).toEqual([]);
  });
});
