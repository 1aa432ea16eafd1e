import { describe, expect, it } from "vitest";
import { cookie, csrfMatches, parseCookies, type ConsoleSession } from "../../../lib/console/session.js";

describe("cookies", () => {
  it("reads a Cookie header: trimmed names, values with '=' kept whole, the first of a name wins", () => {
    const cookies = parseCookies(" a=1; __Host-ip-session=abc=def ;b=; a=2;broken; =x; c = 3");
    expect(cookies.get("a")).toBe("1");
    expect(cookies.get("__Host-ip-session")).toBe("abc=def");
    expect(cookies.get("b")).toBe("");
    expect(cookies.get("c")).toBe("3");
    expect(cookies.has("broken")).toBe(false);
    expect(cookies.has("")).toBe(false);
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies("").size).toBe(0);
  });

  it("sets cookies only for this host, over HTTPS, out of scripts' reach", () => {
    expect(cookie("__Host-ip-lang", "en", 60)).toBe(
      "__Host-ip-lang=en; Path=/; Max-Age=60; Secure; HttpOnly; SameSite=Lax",
    );
    expect(cookie("__Host-ip-session", "", -5)).toContain("Max-Age=0");
  });

  it("compares a form's CSRF token with the session's, refusing a missing or different one", () => {
    const session = { csrf: "A".repeat(43) } as ConsoleSession;
    expect(csrfMatches(session, "A".repeat(43))).toBe(true);
    expect(csrfMatches(session, "A".repeat(42))).toBe(false);
    expect(csrfMatches(session, `${"A".repeat(42)}B`)).toBe(false);
    expect(csrfMatches(session, "")).toBe(false);
    expect(csrfMatches(session, null)).toBe(false);
    expect(csrfMatches(session, undefined)).toBe(false);
  });
});
