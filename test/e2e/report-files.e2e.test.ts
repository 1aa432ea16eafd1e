import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainLocalJobs } from "../../lib/jobs/local.js";
import { DEMO, type DemoTokens, seedDemo } from "../support/api.js";
import { http, startTestServer } from "../support/http-server.js";

/**
 * A report's files over the local HTTP server: the handler's base64 body reaches the client as the
 * stored bytes, and a PDF posted as application/pdf reaches the handler as those bytes.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let tokens: DemoTokens;

beforeAll(async () => {
  tokens = await seedDemo();
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("report files over HTTP", () => {
  it("downloads the same bytes every time, and recognises them when posted back", async () => {
    const requested = await http(`${server.url}/v1/regions/${DEMO.region}/reports`, {
      method: "POST",
      token: tokens.auditor,
      json: { period: { from: "2026-01", to: "2026-06" }, scope: "region" },
    });
    expect(requested.status).toBe(202);
    await drainLocalJobs();
    const report = await http(`${server.url}${requested.headers.get("location")}`, { token: tokens.auditor });
    expect(report.body.status).toBe("issued");

    const download = async (path: string) => {
      const res = await fetch(`${server.url}/v1/reports/${report.body.id}/${path}`, {
        headers: { authorization: `Bearer ${tokens.auditor}` },
      });
      expect(res.status).toBe(200);
      return { bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
    };
    const pdf = await download("pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="${report.body.number}.pdf"`);
    expect(sha256(pdf.bytes)).toBe(report.body.digests.pdf);
    expect((await download("pdf")).bytes.equals(pdf.bytes)).toBe(true);
    const semicolon = await download("csv?delimiter=semicolon");
    expect(sha256(semicolon.bytes)).toBe(report.body.digests.csvSemicolon);
    expect([...semicolon.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM survives

    const check = (body: Buffer) =>
      fetch(`${server.url}/v1/reports/verify-document`, {
        method: "POST",
        headers: { "content-type": "application/pdf" },
        body,
      }).then(async (res) => ({ status: res.status, body: await res.json() }));
    expect(await check(pdf.bytes)).toEqual({
      status: 200,
      body: { result: "authentic", reportId: report.body.id, number: report.body.number },
    });
    const changed = Buffer.from(pdf.bytes);
    changed[10] = changed[10]! ^ 0xff;
    expect((await check(changed)).body).toEqual({ result: "unknown" });
  });
});
