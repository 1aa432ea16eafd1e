import { randomUUID } from "node:crypto";
import { ButtonGroup, Heading } from "../components.js";
import { Button, FormErrors, Form, SelectField, TextField } from "../form-fields.js";
import { errorOf, type FormState, formStateOf, bound } from "../forms.js";
import type { HtmlResult, PageContext, RedirectResult } from "../page.js";
import { redirectTo } from "../page.js";
import {
  filled,
  ImpactFields,
  MUNICIPALITY_FIELDS,
  type Organisation,
  SUPPLIER_FIELDS,
  socialEnterpriseOf,
} from "./organisation-fields.js";
import { kindOptions, messagesOf, NEW_ORGANISATION_PATH, organisationPath, regionsOf } from "./shared.js";

/** Creating an organisation: the form and its POST. */

export async function createForm(ctx: PageContext, state: FormState, status?: number): Promise<HtmlResult> {
  const m = messagesOf(ctx);
  const regions = await regionsOf(ctx);
  return {
    title: m.newOrganisationTitle,
    ...(status ? { status } : {}),
    body: (
      <>
        <Heading level={1}>{m.newOrganisationTitle}</Heading>
        <FormErrors lang={ctx.lang} state={state} />
        <Form action={NEW_ORGANISATION_PATH} csrf={ctx.session!.csrf} idempotencyKey={randomUUID()}>
          <SelectField
            name="kind"
            label={m.kind}
            value={state.values.kind ?? ""}
            error={errorOf(state, "kind")}
            options={[{ value: "", label: m.chooseKind }, ...kindOptions(m)]}
            required
          />
          <TextField {...bound(state, "name")} label={m.name} required />
          <TextField {...bound(state, "id")} label={m.regionId} description={m.idDescription} />
          <SelectField
            name="regionId"
            label={m.region}
            description={m.regionDescription}
            value={state.values.regionId ?? ""}
            error={errorOf(state, "regionId")}
            options={[
              { value: "", label: m.noRegion },
              ...regions.map((r) => ({ value: r.id, label: r.name })),
            ]}
          />
          <ImpactFields kind="any" m={m} state={state} />
          <ButtonGroup>
            <Button>{m.createOrganisation}</Button>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}

export async function createOrganisation(ctx: PageContext): Promise<HtmlResult | RedirectResult> {
  const body: Record<string, unknown> = {};
  for (const name of ["kind", "name", "id", "regionId", "kvk", ...MUNICIPALITY_FIELDS, ...SUPPLIER_FIELDS]) {
    const value = filled(ctx.form, name);
    if (value !== undefined) body[name] = value;
  }
  body.name ??= "";
  const socialEnterprise = socialEnterpriseOf(ctx.form);
  if (socialEnterprise) body.socialEnterprise = socialEnterprise;
  const answer = await ctx.api.send<Organisation>("POST", "/v1/organisations", body, {
    idempotencyKey: ctx.form.get("_idempotency") ?? randomUUID(),
  });
  if (answer.ok) return redirectTo(organisationPath(answer.body.id), "organisation-created");
  return createForm(ctx, formStateOf(answer.problem, ctx.form), answer.problem.status);
}
