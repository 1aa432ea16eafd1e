import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { invoke } from "../../../functions/local.js";
import { DEMO_SIGN_INS } from "../../../lib/console/dev-sign-in.js";
import { SESSION_COOKIE } from "../../../lib/console/session.js";
import { seedDemo } from "../../support/api.js";
import { consoleRequest } from "./core-support.js";

const LIMIT_BYTES = 100 * 1024;

/** The files a page makes the browser load: stylesheets, icons and scripts (all of them our own). */
const linkedFiles = (html: string) => [
  ...[...html.matchAll(/<link [^>]*href="([^"]+)"/g)].map((m) => m[1]!),
  ...[...html.matchAll(/<script [^>]*src="([^"]+)"/g)].map((m) => m[1]!),
];

describe("page weight", () => {
  it("keeps each role's home, with its stylesheet, icon and scripts, under 100 KB compressed", async () => {
    await seedDemo();
    const roles = new Set<string>();
    for (const [identity, choice] of DEMO_SIGN_INS.entries()) {
      if (roles.has(choice.role)) continue;
      roles.add(choice.role);
      const signIn = await consoleRequest(invoke, "POST", "/console/sign-in", {
        form: { identity: String(identity), returnTo: "/console/" },
      });
      const cookies = { [SESSION_COOKIE]: signIn.cookies.get(SESSION_COOKIE)!.value };
      const page = await consoleRequest(invoke, "GET", "/console/", { cookies });
      expect(page.status).toBe(200);
      const files = linkedFiles(page.text);
      expect(files.some((f) => f.endsWith(".css"))).toBe(true);
      let bytes = gzipSync(page.text).length;
      for (const file of files) {
        expect(file, "nothing from another site").toMatch(/^\/console\/assets\//);
        const asset = await consoleRequest(invoke, "GET", file, { headers: { "accept-encoding": "gzip" } });
        expect(asset.status).toBe(200);
        bytes +=
          asset.headers["content-encoding"] === "gzip"
            ? Buffer.from(asset.result.body!, "base64").length
            : gzipSync(asset.text).length;
      }
      expect(bytes, `${choice.role}'s home: ${Math.round(bytes / 1024)} KB`).toBeLessThan(LIMIT_BYTES);
    }
    expect([...roles].sort()).toEqual(["admin", "auditor", "officer", "supplier"]);
  });
});
