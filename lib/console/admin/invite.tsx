import { randomUUID } from "node:crypto";
import type * as z from "zod";
import type { invitationResponse } from "../../schemas/invitations.js";
import { Alert, Heading, Paragraph } from "../components.js";
import { Button, FormErrors, Form, SelectField, TextField } from "../form-fields.js";
import { emptyForm, type FormState, formStateOf, bound } from "../forms.js";
import { inLang } from "../i18n.js";
import { common, roleName } from "../messages.js";
import { type ConsolePage, type HtmlResult, type NavItem, type PageContext, redirectTo } from "../page.js";
import { inviteMessages } from "./invite-messages.js";

const PATH = "/console/admin/users/invite";

interface OrganisationItem {
  id: string;
  name: string;
  kind: string;
}

async function invitePage(ctx: PageContext, state: FormState, status = 200): Promise<HtmlResult> {
  const m = inLang(inviteMessages, ctx.lang);
  const orgs = await ctx.api.get<{ items: OrganisationItem[] }>("/v1/organisations?limit=500");
  const options = orgs.ok
    ? orgs.body.items.map((o) => ({ value: o.id, label: `${o.name} (${m.kind(o.kind)})` }))
    : [];
  const notice = ctx.query.get("notice");
  return {
    title: m.title,
    status,
    body: (
      <>
        <Heading level={1}>{m.title}</Heading>
        {notice ? <Alert kind="ok">{notice}</Alert> : null}
        <FormErrors lang={ctx.lang} state={state} />
        <Paragraph>{m.intro}</Paragraph>
        <Form action={PATH} csrf={ctx.session!.csrf} idempotencyKey={randomUUID()}>
          <SelectField
            {...bound(state, "organisationId")}
            label={m.organisation}
            options={options}
            required
          />
          <TextField
            {...bound(state, "email")}
            type="email"
            autocomplete="email"
            label={m.email}
            description={m.emailHint}
            required
          />
          <Button>{m.submit}</Button>
        </Form>
      </>
    ),
  };
}

/**
 * Inviting a user with a role and organisation: through the API's invitation route, so the
 * permission check and the audit event are the API's. In AWS it creates the user in Cognito's pool;
 * locally the API answers that the development sign-in's demo users are the users, shown here.
 */
export const invitePages: ConsolePage[] = [
  {
    method: "GET",
    path: PATH,
    access: ["admin"],
    handle: (ctx) => invitePage(ctx, emptyForm()),
  },
  {
    method: "POST",
    path: PATH,
    access: ["admin"],
    async handle(ctx) {
      const organisationId = ctx.form.get("organisationId") ?? "";
      const answer = await ctx.api.send<z.output<typeof invitationResponse>>(
        "POST",
        `/v1/organisations/${encodeURIComponent(organisationId)}/users`,
        { email: ctx.form.get("email") ?? "" },
        { idempotencyKey: ctx.form.get("_idempotency") ?? randomUUID() },
      );
      if (!answer.ok) {
        // 400/409/422 as the API said; an organisation that no longer exists comes back as 422.
        const status = [400, 409, 422].includes(answer.problem.status) ? answer.problem.status : 422;
        return invitePage(ctx, formStateOf(answer.problem, ctx.form), status);
      }
      const m = inLang(inviteMessages, ctx.lang);
      const notice = m.invited(answer.body.email, roleName(answer.body.role, inLang(common, ctx.lang)));
      return redirectTo(PATH, notice);
    },
  },
];

export const inviteNav: NavItem[] = [
  { href: PATH, label: { nl: inviteMessages.nl.nav, en: inviteMessages.en.nav }, roles: ["admin"] },
];
