import { describe, expect, it } from "vitest";
import { catalogueQueries } from "../../../lib/entities/catalogue.js";
import { db } from "../../../lib/store/client.js";
import { type ApiResponse, call, DEMO, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { eur, newContract } from "./support.js";

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier = await tokenFor("supplier", DEMO.suppliers[1]);

describe("bulk upload catalogue reads (review)", () => {
  it("reads the catalogue versions once per upload, however many rows and re-valuations", async () => {
    const id = await newContract(tokens.officer, "ZW-RV-I1");
    const header = "blockId;candidateRef;startDate;endDate;fte;period;evidence\n";
    // I1 twice in one block: the second row is valued again with the months counted before.
    const rows = [
      "work-experience;I1;2025-01-01;2025-03-31;;2025-Q1;",
      "work-experience;I1;2025-04-01;2025-05-31;;2025-Q2;",
      "work-experience;I2;2025-01-01;2025-01-31;;2025-01;",
      "work-experience;I3;2025-02-01;2025-02-28;;2025-02;",
      "work-experience;I4;2025-06-01;2025-06-30;;2025-06;",
    ];
    // The catalogue of the demo region's policy.
    const versions = catalogueQueries.versions("oost-nederland");
    let versionReads = 0;
    db.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
        const values = input.ExpressionAttributeValues;
        if (values?.[":pk"] === versions.pk && values[":sk"] === versions.skBeginsWith) versionReads++;
        return next(args);
      },
      { step: "initialize", name: "countCatalogueVersionReads" },
    );
    let res: ApiResponse;
    try {
      res = await call("POST", `/v1/contracts/${id}/entries/import`, {
        token: supplier,
        rawBody: header + rows.join("\n"),
        headers: { "content-type": "text/csv" },
      });
    } finally {
      db.middlewareStack.remove("countCatalogueVersionReads");
    }
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(rows.map(() => "created"));
    expect(versionReads).toBe(1);
    const balance = await call("GET", `/v1/contracts/${id}/balance`, { token: supplier });
    const values = res.body.results.map((r: { value: { amount: number } }) => r.value.amount);
    const total = values.reduce((a: number, b: number) => a + b, 0);
    expect(balance.body).toMatchObject({ pending: eur(total), totalsVerified: true });
  });
});
