import { describe, expect, it } from "vitest";
import { call, DEMO, seedDemo, tokenFor } from "../../support/api.js";
import { newContract } from "./support.js";

const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);
const BSN = "123456782"; // passes the 11-test

describe("CSV uploads and personal data", () => {
  it("refuses an upload with a BSN in any cell, naming row and column and never echoing the number", async () => {
    const contractId = await newContract(tokens.officer, "ZW-CSV-PRIV-1");
    const upload = await call("POST", `/v1/contracts/${contractId}/entries/import`, {
      token: supplier,
      rawBody: `blockId;candidateRef;startDate;endDate;period;bonuses\n${BSN};C1;2025-01-01;2025-03-31;2025-Q1;\nwork-experience;C2;2025-01-01;2025-03-31;2025-Q1;${BSN}\n`,
      headers: { "content-type": "text/csv" },
    });
    expect(upload.status).toBe(422);
    expect(upload.headers["content-type"]).toBe("application/problem+json");
    expect(upload.body.code).toBe("rows-invalid");
    expect(upload.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ["rows.2.blockId", "bsn-refused"],
      ["rows.3.bonuses.0", "bsn-refused"],
    ]);
    expect(upload.text).not.toContain(BSN);
  });
});
