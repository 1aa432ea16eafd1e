import { mintToken } from "../local/tokens.js";
import { DEMO } from "../seed/demo-ids.js";
import { Alert, Heading, Paragraph } from "./components.js";
import { Button, Form } from "./form-fields.js";
import { inLang } from "./i18n.js";
import { common, roleName } from "./messages.js";
import type { ConsolePage } from "./page.js";
import { SESSION_COOKIE, SESSION_SECONDS, cookie, createSession } from "./session.js";
import { safeReturnPath } from "./paths.js";
import type { SignIn } from "./sign-in.js";

/** Every demo organisation with the role that acts for it: the development sign-in's choices. */
export const DEMO_SIGN_INS = [
  ...DEMO.municipalities.map((org) => ({ role: "officer", org })),
  ...DEMO.suppliers.map((org) => ({ role: "supplier", org })),
  { role: "auditor", org: DEMO.regionBody },
  { role: "admin", org: DEMO.operator },
] as const;

const subjectOf = (choice: { role: string; org: string }) => `demo-${choice.role}-${choice.org}`;

/**
 * Local development only: signs in as a demo user with the development key, the way `npm run token`
 * does. Chosen only when that key is set and no identity provider is (lib/console/sign-in.ts).
 */
export function developmentSignIn(devKey: string): SignIn {
  const pages: ConsolePage[] = [
    {
      method: "GET",
      path: "/console/sign-in",
      access: "anyone",
      async handle(ctx) {
        const m = inLang(common, ctx.lang);
        const back = safeReturnPath(ctx.query.get("returnTo"));
        return {
          title: m.signInTitle,
          body: (
            <>
              <Heading level={1}>{m.signInTitle}</Heading>
              {ctx.query.get("notice") === "signed-out" ? <Alert kind="ok">{m.signedOut}</Alert> : null}
              <Alert kind="warning">{m.signInDevNotice}</Alert>
              <Paragraph>{m.signInIntro}</Paragraph>
              <ul class="ip-cards" aria-label={m.signInTitle}>
                {DEMO_SIGN_INS.map((choice, index) => (
                  <li class="ip-card">
                    <Form
                      action="/console/sign-in"
                      csrf=""
                      label={m.signInAs(roleName(choice.role, m), choice.org)}
                    >
                      <input type="hidden" name="identity" value={String(index)} />
                      <input type="hidden" name="returnTo" value={back} />
                      <Button>{m.signInAs(roleName(choice.role, m), choice.org)}</Button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ),
        };
      },
    },
    {
      method: "POST",
      path: "/console/sign-in",
      access: "anyone",
      async handle(ctx) {
        const choice = DEMO_SIGN_INS[Number(ctx.form.get("identity"))];
        if (!choice) return { redirect: "/console/sign-in" };
        const token = await mintToken({ ...choice, sub: subjectOf(choice), ttl: "8h" }, devKey);
        const session = await createSession(
          { ...choice, sub: subjectOf(choice) },
          { token, tokenExpiresAt: Math.floor(ctx.requestTime.getTime() / 1000) + SESSION_SECONDS },
          ctx.requestTime,
        );
        return {
          redirect: safeReturnPath(ctx.form.get("returnTo")),
          cookies: [cookie(SESSION_COOKIE, session.id, SESSION_SECONDS)],
        };
      },
    },
  ];
  return {
    kind: "development",
    pages,
    refresh: async () => undefined,
    signOutLocation: () => "/console/sign-in?notice=signed-out",
    formActionOrigins: [],
  };
}
