import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { API_REFERENCE_PAGE } from "../../../lib/api-reference/page.js";
import { acceptsGzip, scriptReply } from "../../../lib/api-reference/replies.js";
import { redocScript } from "../../../lib/api-reference/redoc.js";

describe("acceptsGzip", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["identity", false],
    ["gzip", true],
    ["GZIP", true],
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["x-gzip", true],
    ["gzip;q=0", false],
    ["gzip; q=0.000", false],
    ["*", true],
    ["*;q=0", false],
    ["gzip;q=0, *", false],
    ["br, *;q=0.1", true],
    ["deflate, br", false],
  ])("%j → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe("scriptReply", () => {
  it("sends the script as is, or gzip-compressed with its encoding named", () => {
    const plain = scriptReply("identity");
    expect(plain.headers?.["content-encoding"]).toBeUndefined();
    expect(Buffer.from(plain.binary!.bytes).equals(redocScript())).toBe(true);
    const gzipped = scriptReply("gzip");
    expect(gzipped.headers?.["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.binary!.bytes).equals(redocScript())).toBe(true);
  });
});

describe("the API reference page", () => {
  it("has no inline script or style, which its policy would block", () => {
    for (const tag of API_REFERENCE_PAGE.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/ src="/);
    expect(API_REFERENCE_PAGE).toMatch(/<\/script>\s*<\/body>/);
    expect(API_REFERENCE_PAGE).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    expect(API_REFERENCE_PAGE).not.toMatch(/\son\w+=|\sstyle=|<style/i);
  });
});
