import { request } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_REFERENCE_CSP } from "../../lib/api-reference/page.js";
import { routes } from "../../lib/http/routes.js";
import { describeWithChromium, type RenderedPage, renderPage } from "../support/chromium.js";
import { checkResponse } from "../support/response-contract.js";
import { http, startTestServer } from "../support/http-server.js";

/**
 * The API reference page and Redoc's script over HTTP, without a token, as a browser fetches them;
 * then the page rendered by a real browser (one file, so that it always runs a test without Chromium).
 */

const redocDir = dirname(createRequire(import.meta.url).resolve("redoc/package.json"));
const packaged = readFileSync(join(redocDir, "bundles", "redoc.standalone.js"));

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A GET as sent, bytes as received (no decompression, unlike fetch), checked against the route's contract. */
async function get(path: string, headers: Record<string, string> = {}) {
  const result = await new Promise<{ status: number; headers: Record<string, string>; bytes: Buffer }>(
    (resolve, reject) => {
      const req = request(`${server.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers as Record<string, string>,
            bytes: Buffer.concat(chunks),
          }),
        );
      });
      req.on("error", reject);
      req.end();
    },
  );
  await checkResponse("GET", path, result.status, result.headers["content-type"] ?? "", result.bytes);
  return result;
}

describe("GET /v1/docs", () => {
  it("is an HTML page that loads Redoc from the service and points it at the OpenAPI document", async () => {
    const page = await get("/v1/docs");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    const html = page.bytes.toString("utf8");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual(['<script src="docs/redoc.standalone.js">']);
    const spec = /<redoc spec-url="([^"]+)">/.exec(html)?.[1];
    // Relative URLs, resolved against the page's own: the service's routes, whatever its host.
    const base = `${server.url}/v1/docs`;
    expect(new URL(spec!, base).pathname).toBe("/v1/openapi.json");
    expect(new URL("docs/redoc.standalone.js", base).pathname).toBe("/v1/docs/redoc.standalone.js");
    expect(html).not.toMatch(/https?:\/\/(?!github\.com\/Redocly)/); // no CDN, no other host
    expect(html).toContain("MIT licence");
  });

  it("has a policy of its own that lets it run Redoc and nothing else", async () => {
    const page = await get("/v1/docs");
    const policy = page.headers["content-security-policy"]!;
    expect(policy).toBe(API_REFERENCE_CSP);
    const directives = Object.fromEntries(
      policy.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives).toEqual({
      "default-src": ["'none'"],
      "script-src": ["'self'"],
      "style-src": ["'unsafe-inline'"],
      "img-src": ["data:"],
      "connect-src": ["'self'"],
      "worker-src": ["blob:"],
      "base-uri": ["'none'"],
      "form-action": ["'none'"],
      "frame-ancestors": ["'none'"],
    });
    // The API's other protections stay.
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("keeps the API's own policy on every other route", async () => {
    const health = await http(`${server.url}/v1/health`);
    expect(health.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe("GET /v1/docs/redoc.standalone.js", () => {
  it("is the package's script byte for byte, as JavaScript", async () => {
    const script = await get("/v1/docs/redoc.standalone.js", { "accept-encoding": "identity" });
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.headers["content-encoding"]).toBeUndefined();
    expect(script.bytes.equals(packaged)).toBe(true);
    expect(script.headers["cache-control"]).toBe("public, max-age=86400");
    expect(script.headers.vary).toBe("accept-encoding");
  });

  it("is gzip-compressed for a client that accepts it, and the same bytes once decompressed", async () => {
    const script = await get("/v1/docs/redoc.standalone.js", { "accept-encoding": "gzip, deflate, br" });
    expect(script.headers["content-encoding"]).toBe("gzip");
    expect(script.bytes.length).toBeLessThan(packaged.length / 2);
    expect(gunzipSync(script.bytes).equals(packaged)).toBe(true);
  });

  it("is Redoc 2.5.4 (Redoc 3 needs Node 22 to build)", () => {
    const { version } = JSON.parse(readFileSync(join(redocDir, "package.json"), "utf8"));
    expect(version).toBe("2.5.4");
    expect(packaged.toString("utf8", 0, 200)).toContain("redoc.standalone.js.LICENSE.txt");
  });
});

describe("GET /v1/docs/redoc.standalone.js.LICENSE.txt", () => {
  it("has Redoc's MIT licence and the notices of what its script bundles, where the script says", async () => {
    const notices = await get("/v1/docs/redoc.standalone.js.LICENSE.txt");
    expect(notices.status).toBe(200);
    expect(notices.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const text = notices.bytes.toString("utf8");
    expect(text).toContain("Copyright (c) 2015-present, Rebilly, Inc.");
    expect(text).toContain("Permission is hereby granted, free of charge");
    expect(text).toContain(
      readFileSync(join(redocDir, "bundles", "redoc.standalone.js.LICENSE.txt"), "utf8"),
    );
  });
});

interface Operation {
  operationId?: string;
  path: string;
  method: string;
}

function operationsOf(document: { paths: Record<string, Record<string, { operationId?: string }>> }) {
  const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, op]): Operation => ({ operationId: op.operationId, path, method })),
  );
}

let document: { info: { title: string }; paths: Record<string, Record<string, { operationId?: string }>> };
let rendered: RenderedPage;

describeWithChromium("the API reference page in headless Chromium", () => {
  // Redoc loads from the service under the page's policy, fetches the document and renders it.
  beforeAll(async () => {
    document = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as typeof document;
    rendered = await renderPage(`${server.url}/v1/docs`, 30_000);
  }, 120_000);

  it("renders every operation of the OpenAPI document", () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(routes.length);
    expect(rendered.dom).toContain(document.info.title);
    // Redoc anchors each operation at …/operation/<operationId>.
    const missing = operations.filter(
      (op) => !op.operationId || !rendered.dom.includes(`operation/${op.operationId}"`),
    );
    expect(missing).toEqual([]);
  });

  it("runs under its policy: nothing of the service's is blocked, only Redocly's logo on their CDN", () => {
    const violations = rendered.console.filter((m) => /Content Security Policy/i.test(m));
    // The logo is refused (it hides itself): proof that the browser's console is read at all.
    expect(violations.some((m) => m.includes("'https://cdn.redoc.ly/"))).toBe(true);
    expect(violations.filter((m) => !m.includes("'https://cdn.redoc.ly/"))).toEqual([]);
    expect(rendered.console.filter((m) => /Uncaught|Error:/.test(m))).toEqual([]);
  });
});
