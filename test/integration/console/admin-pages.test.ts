import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adminMessages } from "../../../lib/console/admin/messages.js";
import { SESSION_COOKIE } from "../../../lib/console/session.js";
import { call, DEMO, seedDemo } from "../../support/api.js";
import { consoleSession, invokeConsole } from "./support.js";

/**
 * The admin's pages called in-process as a browser would, with a session cookie and the form's fields.
 * The console reads the wall clock for sessions, so they are made at the real time.
 */

const tokens = await seedDemo();
const m = adminMessages.nl;

const page = (path: string, session: { id: string }) =>
  invokeConsole("GET", path, { cookie: `${SESSION_COOKIE}=${session.id}` });

const post = (path: string, session: { id: string; csrf: string }, fields: Record<string, string>) =>
  invokeConsole(
    "POST",
    path,
    { cookie: `${SESSION_COOKIE}=${session.id}`, "content-type": "application/x-www-form-urlencoded" },
    new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
  );

describe("the admin's console pages", () => {
  it("are closed to the other roles (403 page), not only hidden from their menu", async () => {
    const officer = await consoleSession("officer", DEMO.municipalities[0]);
    for (const path of [
      "/console/admin/regions",
      "/console/admin/organisations",
      "/console/admin/new-region",
    ]) {
      const answer = await page(path, officer);
      expect(answer.status, path).toBe(403);
    }
    const refused = await post("/console/admin/new-region", officer, { name: "Regio Stiekem" });
    expect(refused.status).toBe(403);
    const regions = await call("GET", "/v1/regions?limit=500", { token: tokens.admin });
    expect(regions.body.items.map((r: { name: string }) => r.name)).not.toContain("Regio Stiekem");
  });

  it("answer 404 for an organisation that does not exist", async () => {
    const admin = await consoleSession("admin", DEMO.operator);
    const answer = await page("/console/admin/organisations/no-such-org", admin);
    expect(answer.status).toBe(404);
    expect(answer.html).toContain(m.notFoundTitle);
  });

  it("create once when the same form is sent twice (the form's idempotency key)", async () => {
    const admin = await consoleSession("admin", DEMO.operator);
    const form = { _idempotency: randomUUID(), kind: "supplier", name: "Dubbel Klik BV", kvk: "87654321" };
    const first = await post("/console/admin/new-organisation", admin, form);
    const second = await post("/console/admin/new-organisation", admin, form);
    expect(first.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    const listed = await call("GET", "/v1/organisations?kind=supplier&limit=500", { token: tokens.admin });
    expect(listed.body.items.filter((o: { name: string }) => o.name === "Dubbel Klik BV")).toHaveLength(1);
  });

  it("show the API's refusal beside the field, with status 400 and what was typed", async () => {
    const admin = await consoleSession("admin", DEMO.operator);
    const answer = await post("/console/admin/new-organisation", admin, {
      _idempotency: randomUUID(),
      kind: "municipality",
      name: "Gemeente Zonder Regio",
    });
    expect(answer.status).toBe(400);
    expect(answer.html).toMatch(
      /id="field-regionId"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-regionId"/,
    );
    expect(answer.html).toContain('href="#field-regionId"');
    expect(answer.html).toContain('value="Gemeente Zonder Regio"');
  });

  it("clear an impact field that is emptied on the edit form", async () => {
    const admin = await consoleSession("admin", DEMO.operator);
    const before = await call("GET", `/v1/organisations/${DEMO.suppliers[2]}`, { token: tokens.admin });
    const saved = await post(`/console/admin/organisations/${DEMO.suppliers[2]}`, admin, {
      version: String(before.body.version),
      name: before.body.name,
      postcode: before.body.postcode ?? "",
      municipalityCbsCode: "",
      sizeClass: before.body.sizeClass ?? "",
      sbiCode: before.body.sbiCode ?? "",
    });
    expect(saved.status).toBe(303);
    const after = await call("GET", `/v1/organisations/${DEMO.suppliers[2]}`, { token: tokens.admin });
    expect(after.body).toMatchObject({ municipalityCbsCode: null, version: before.body.version + 1 });
  });
});
