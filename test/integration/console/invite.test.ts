import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { areaHandlers } from "../../../functions/areas.js";
import { invitePages } from "../../../lib/console/admin/invite.js";
import { consoleHandler } from "../../../lib/console/handler.js";
import { SESSION_COOKIE } from "../../../lib/console/session.js";
import { noSignIn } from "../../../lib/console/sign-in.js";
import { toApiGatewayEvent } from "../../../lib/local/event.js";
import { dispatcher } from "../../../lib/local/server.js";
import { type Invitee, useUserDirectory } from "../../../lib/orgs/user-directory.js";
import { DEMO, seedDemo } from "../../support/api.js";
import { consoleSession } from "./support.js";

/** The admin's invitation page over the API's invitation route: a fake user pool, and none (locally). */
const handler = consoleHandler({
  invoke: dispatcher(areaHandlers),
  pages: invitePages,
  nav: [],
  signIn: noSignIn,
});

async function send(method: string, url: string, sessionId: string, form?: Record<string, string>) {
  const headers: Record<string, string> = { host: "console.test" };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const event = toApiGatewayEvent({
    method,
    url,
    headers,
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  event.cookies = [`${SESSION_COOKIE}=${sessionId}`];
  const result = await handler(event);
  return {
    status: result.statusCode,
    location: result.headers?.location as string | undefined,
    body: result.body ?? "",
  };
}

beforeAll(async () => {
  await seedDemo();
});
afterEach(() => useUserDirectory(undefined));

describe("inviting a user in the console", () => {
  it("lists the organisations and invites through the API: the user pool gets the role of the organisation", async () => {
    const invited: Invitee[] = [];
    useUserDirectory({
      invite: async (invitee) => {
        invited.push(invitee);
        return { sub: "sub-new" };
      },
    });
    const admin = await consoleSession("admin", DEMO.operator);
    const page = await send("GET", "/console/admin/users/invite", admin.id);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<option value="${DEMO.municipalities[0]}"`);
    expect(page.body).toMatch(/<label class="utrecht-form-label" for="field-email">E-mailadres<\/label>/);
    const posted = await send("POST", "/console/admin/users/invite", admin.id, {
      _csrf: admin.csrf,
      _idempotency: "invite-1",
      organisationId: DEMO.municipalities[0],
      email: "nieuw@example.nl",
    });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(
      `/console/admin/users/invite?notice=${encodeURIComponent("nieuw@example.nl is uitgenodigd als inkoper.")}`,
    );
    expect(invited).toEqual([{ email: "nieuw@example.nl", role: "officer", org: DEMO.municipalities[0] }]);
  });

  it("shows the API's field error next to the field and in the summary", async () => {
    useUserDirectory({ invite: async () => ({ sub: "never" }) });
    const admin = await consoleSession("admin", DEMO.operator);
    const posted = await send("POST", "/console/admin/users/invite", admin.id, {
      _csrf: admin.csrf,
      _idempotency: "invite-2",
      organisationId: DEMO.municipalities[0],
      email: "geen-adres",
    });
    expect(posted.status).toBe(400);
    expect(posted.body).toContain('href="#field-email"');
    expect(posted.body).toContain('aria-invalid="true"');
    expect(posted.body).toContain('value="geen-adres"');
  });

  it("without a user pool (locally) says the development sign-in's demo users are the users", async () => {
    const admin = await consoleSession("admin", DEMO.operator);
    const posted = await send("POST", "/console/admin/users/invite", admin.id, {
      _csrf: admin.csrf,
      _idempotency: "invite-3",
      organisationId: DEMO.municipalities[0],
      email: "lokaal@example.nl",
    });
    expect(posted.status).toBe(422);
    expect(posted.body).toContain("development sign-in");
  });

  it("is the admin's page only", async () => {
    const officer = await consoleSession("officer", DEMO.municipalities[0]);
    expect((await send("GET", "/console/admin/users/invite", officer.id)).status).toBe(403);
  });
});
