import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isConsolePath, safeReturnPath } from "../../../lib/console/paths.js";

const BASE = "https://console.example";

/** Where a browser goes when it follows `Location: <path>` from the console. */
const landing = (path: string) => new URL(path, BASE);

const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const consolePath = fc
  .tuple(fc.array(segment, { maxLength: 4 }), fc.option(fc.stringMatching(/^[a-z]=[A-Za-z0-9%]{0,8}$/)))
  .map(([parts, query]) => `/console/${parts.join("/")}${query ? `?${query}` : ""}`);

describe("the page to return to after signing in", () => {
  it("keeps a console page as it was asked for", () => {
    expect(safeReturnPath("/console/tenders/t-1?tab=bids")).toBe("/console/tenders/t-1?tab=bids");
    fc.assert(
      fc.property(consolePath, (path) => {
        expect(safeReturnPath(path)).toBe(path);
      }),
    );
  });

  it("sends every other place to the console's home", () => {
    for (const bad of [
      undefined,
      null,
      "",
      "https://evil.example/console/",
      "//evil.example/console/",
      "/console//evil.example",
      "/\\evil.example",
      "/console/\\\\evil.example",
      "/console/../v1/audit",
      "/console/%2e%2e/v1/audit",
      "/console/.%2E/v1",
      "/console/x\r\nSet-Cookie: a=b",
      "/console/\tx",
      "/v1/health",
      "/consoles/",
      "javascript:alert(1)",
    ])
      expect(safeReturnPath(bad), String(bad)).toBe("/console/");
  });

  it("never leaves /console/ on this origin, whatever it is given (property)", () => {
    const tricky = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc
        .tuple(
          fc.constantFrom("/console/", "/console", "//", "/", "https://x/console/", "\\\\"),
          fc.array(
            fc.constantFrom("..", ".", "%2e", "%2E%2e", "/", "\\", "x", "?", "#", "@", ":", "\t", "%0a"),
            {
              maxLength: 8,
            },
          ),
        )
        .map(([start, parts]) => start + parts.join("")),
      consolePath,
    );
    fc.assert(
      fc.property(tricky, (candidate) => {
        const path = safeReturnPath(candidate);
        expect(path.startsWith("/console/")).toBe(true);
        expect(path).not.toMatch(/[\p{Cc}\\]/u);
        const url = landing(path);
        expect(url.origin).toBe(BASE);
        expect(url.pathname.startsWith("/console/")).toBe(true);
      }),
    );
  });

  it("knows which paths the console serves", () => {
    expect(["/", "/console", "/console/", "/console/assets/x.css"].every(isConsolePath)).toBe(true);
    expect(["/v1/health", "/consoles", "/v1/console/"].some(isConsolePath)).toBe(false);
  });
});
