import type { Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { startHttpServer } from "../../functions/local.js";
import { seedDemo } from "../support/api.js";
import { http } from "../support/http-server.js";

/** `npm start` prints one readable line per request (not JSON), as this server does with `log`. */
const tokens = await seedDemo();
const lines: string[] = [];
const { server, url } = await startHttpServer({ port: 0, log: (line) => lines.push(line) });
afterAll(() => closeServer(server));

function closeServer(s: Server) {
  s.closeAllConnections();
  return new Promise<void>((resolve) => s.close(() => resolve()));
}

describe("local request lines", () => {
  it("method, path without the query, status, milliseconds and a problem's code; never the token", async () => {
    await http(`${url}/v1/me?secret-query=1`, { token: tokens.officer });
    await http(`${url}/v1/me`);
    await http(`${url}/v1/no-such-thing`);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^GET \/v1\/me 200 \d+ms$/);
    expect(lines[1]).toMatch(/^GET \/v1\/me 401 \d+ms unauthenticated$/);
    expect(lines[2]).toMatch(/^GET \/v1\/no-such-thing 404 \d+ms no-such-route$/);
    expect(lines.join("\n")).not.toContain(tokens.officer);
  });
});
