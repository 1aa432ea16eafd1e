import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer } from "../support/http-server.js";

/** Malformed percent-encoding over HTTP, as a client (or an attacker) sends it. */

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("malformed paths over HTTP", () => {
  it.each(["/v1/tenders/%FF", "/v1/tenders/%E0%A4%A", "/v1/%ZZ"])("%s is 400 problem+json", async (path) => {
    const response = await http(`${server.url}${path}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body.code).toBe("malformed-path");
  });
});

describe("odd request targets over HTTP", () => {
  /** The status line of a raw request: fetch would normalise these targets before sending them. */
  const statusOf = (target: string) =>
    new Promise<number>((resolve, reject) => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
      );
      let out = "";
      socket.on("data", (chunk) => {
        out += chunk;
      });
      socket.on("error", reject);
      socket.on("close", () => resolve(Number(out.split(" ")[1])));
    });

  it.each([
    ["//", 404],
    ["*", 404],
    ["http://x:99999/v1/health", 404],
    ["http://[::1/", 404],
    ["//evil.example/v1/health", 404],
    ["/v1/tenders/%FF?cursor=%FF", 400],
  ])("%s → %i, never a 500", async (target, status) => {
    expect(await statusOf(target)).toBe(status);
  });
});
