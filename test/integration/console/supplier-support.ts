import { DEMO_SIGN_INS } from "../../../lib/console/dev-sign-in.js";
import { DAY_MS, toAmsterdamLocal } from "../../../lib/domain/amsterdam-time.js";
import { demoTenderBody } from "../../../lib/seed/demo-tender.js";
import { call, clock, newKey } from "../../support/api.js";
import { invokeConsole as send } from "./support.js";

/** A console visitor in-process: the handler as the local server calls it, with the session cookie. */
export interface ConsoleVisitor {
  get(path: string): Promise<ConsoleReply>;
  /** A form post with the session's CSRF token added. */
  post(path: string, fields: Record<string, string> | [string, string][]): Promise<ConsoleReply>;
  /** A multipart post (the upload form) with the CSRF token as its first part. */
  upload(
    path: string,
    fields: Record<string, string>,
    file: { name: string; filename: string; text: string },
  ): Promise<ConsoleReply>;
  csrf: string;
}

export interface ConsoleReply {
  status: number;
  headers: Record<string, string>;
  html: string;
  location: string | undefined;
}

/** Signs in through the development sign-in as the demo `role` of `org`. */
export async function signInAs(role: string, org: string): Promise<ConsoleVisitor> {
  const index = DEMO_SIGN_INS.findIndex((c) => c.role === role && c.org === org);
  const signedIn = await send(
    "POST",
    "/console/sign-in",
    { "content-type": "application/x-www-form-urlencoded" },
    new URLSearchParams({ identity: String(index), returnTo: "/console/" }).toString(),
  );
  const cookie = signedIn.cookies.map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`no session cookie: ${signedIn.status}`);
  const home = await send("GET", "/console/", { cookie });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.html)?.[1];
  if (!csrf) throw new Error("no CSRF token on the home page");
  return {
    csrf,
    get: (path) => send("GET", path, { cookie }),
    post: (path, fields) =>
      send(
        "POST",
        path,
        { cookie, "content-type": "application/x-www-form-urlencoded" },
        new URLSearchParams([
          ["_csrf", csrf],
          ...(Array.isArray(fields) ? fields : Object.entries(fields)),
        ]).toString(),
      ),
    upload: (path, fields, file) => {
      const boundary = "----supplier-test-boundary";
      const parts = [
        ...Object.entries({ _csrf: csrf, ...fields }).map(
          ([name, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        ),
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: text/csv\r\n\r\n${file.text}\r\n`,
        `--${boundary}--\r\n`,
      ];
      return send(
        "POST",
        path,
        { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
        Buffer.from(parts.join(""), "utf8"),
      );
    },
  };
}

/** A published tender of Zwolle open for bids for `days` more days, with the region's social-return minimum. */
export async function openTender(officerToken: string, reference: string, days = 14): Promise<string> {
  const now = clock.now().getTime();
  const body = await demoTenderBody(now);
  const created = await call("POST", "/v1/tenders", {
    token: officerToken,
    idempotencyKey: newKey(),
    body: {
      ...body,
      reference,
      title: `Groenonderhoud ${reference}`,
      submissionDeadline: toAmsterdamLocal(now + days * DAY_MS).slice(0, 16),
    },
  });
  if (created.status !== 201) throw new Error(`tender not created: ${created.text}`);
  const published = await call("POST", `/v1/tenders/${created.body.id}/publish`, { token: officerToken });
  if (published.status !== 200) throw new Error(`tender not published: ${published.text}`);
  return created.body.id as string;
}
