import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DOCUMENT_FILE } from "../../../functions/scripts/openapi.js";
import { call } from "../../support/api.js";

describe("GET /v1/openapi.json", () => {
  it("serves the generated document without a token, as JSON a client may cache", async () => {
    const response = await call("GET", "/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["cache-control"]).toBe("public, max-age=300");
    expect(response.body).toEqual(JSON.parse(readFileSync(DOCUMENT_FILE, "utf8")));
    expect(response.body.openapi).toBe("3.1.0");
    expect(response.body.paths["/v1/openapi.json"].get.security).toEqual([]);
  });

  it("answers the same bytes to a second request, and ignores a token", async () => {
    const first = await call("GET", "/v1/openapi.json");
    const second = await call("GET", "/v1/openapi.json", {
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
  });

  it("is gzip-compressed for a client that accepts it: a tenth of the bytes, the same document", async () => {
    const plain = await call("GET", "/v1/openapi.json");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const compressed = await call("GET", "/v1/openapi.json", { headers: { "accept-encoding": "gzip, br" } });
    expect(compressed.headers["content-encoding"]).toBe("gzip");
    expect(compressed.headers.vary).toBe("accept-encoding");
    expect(compressed.bytes.length).toBeLessThan(plain.bytes.length / 5);
    expect(gunzipSync(compressed.bytes).toString("utf8")).toBe(plain.text);
  });
});
