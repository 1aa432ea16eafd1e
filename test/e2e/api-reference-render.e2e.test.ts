import type { Server } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startHttpServer } from "../../functions/local.js";
import { routes } from "../../lib/http/routes.js";
import { describeWithChromium, type RenderedPage, renderPage } from "../support/chromium.js";

/**
 * The API reference page rendered by a real browser against the local server: Redoc loads from the
 * service under the page's content-security-policy, fetches the OpenAPI document and renders every
 * operation of it.
 */

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

let server: Server;
let url: string;
let document: { info: { title: string }; paths: Record<string, Record<string, { operationId?: string }>> };
let rendered: RenderedPage;

describeWithChromium("the API reference page in headless Chromium", () => {
  beforeAll(async () => {
    ({ server, url } = await startHttpServer({ port: 0 }));
    document = (await (await fetch(`${url}/v1/openapi.json`)).json()) as typeof document;
    rendered = await renderPage(`${url}/v1/docs`, 30_000);
  }, 120_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

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
