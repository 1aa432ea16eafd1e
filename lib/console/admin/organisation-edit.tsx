import type { RegionResponse } from "../../schemas/responses/orgs.js";
import { ButtonGroup, DataList, Heading, Link } from "../components.js";
import { Button, FormErrors, Form, TextField } from "../form-fields.js";
import { emptyForm, type FormState, formStateOf, bound } from "../forms.js";
import { formatDate } from "../i18n.js";
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
import {
  bodyOf,
  kindName,
  messagesOf,
  Notice,
  notFoundPage,
  ORGANISATIONS_PATH,
  organisationPath,
  queryString,
} from "./shared.js";

/** One organisation: its details and the form that edits its name and impact fields. */

/** What the edit form shows for a stored organisation. */
function valuesOf(org: Organisation): Record<string, string> {
  return {
    name: org.name,
    cbsCode: org.cbsCode ?? "",
    postcode: org.postcode ?? "",
    municipalityCbsCode: org.municipalityCbsCode ?? "",
    sizeClass: org.sizeClass ?? "",
    sbiCode: org.sbiCode ?? "",
    "socialEnterprise.kind": org.socialEnterprise?.kind ?? "",
    "socialEnterprise.evidence": org.socialEnterprise?.evidence ?? "",
    "socialEnterprise.validUntil": org.socialEnterprise?.validUntil ?? "",
    version: String(org.version),
  };
}

async function loadOrganisation(ctx: PageContext): Promise<Organisation | undefined> {
  const answer = await ctx.api.get<Organisation>(
    `/v1/organisations/${encodeURIComponent(ctx.params.organisationId!)}`,
  );
  if (!answer.ok && answer.problem.status === 404) return undefined;
  return bodyOf(answer, "organisation");
}

async function organisationPage(
  ctx: PageContext,
  org: Organisation,
  state: FormState,
  status?: number,
): Promise<HtmlResult> {
  const m = messagesOf(ctx);
  const region = org.regionId
    ? bodyOf(await ctx.api.get<RegionResponse>(`/v1/regions/${encodeURIComponent(org.regionId)}`), "region")
    : undefined;
  return {
    title: org.name,
    ...(status ? { status } : {}),
    body: (
      <>
        <Heading level={1}>{org.name}</Heading>
        <Notice ctx={ctx} />
        <FormErrors lang={ctx.lang} state={state} />
        <Heading level={2}>{m.details}</Heading>
        <DataList
          items={[
            { term: m.id, value: <code>{org.id}</code> },
            { term: m.kind, value: kindName(org.kind, m) },
            {
              term: m.region,
              value: region ? (
                <Link href={`${ORGANISATIONS_PATH}${queryString({ regionId: region.id })}`}>
                  {region.name}
                </Link>
              ) : (
                m.noRegion
              ),
            },
            ...(org.kind === "supplier" ? [{ term: m.kvk, value: org.kvk ?? m.notSet }] : []),
            { term: m.created, value: formatDate(org.createdAt, ctx.lang) },
            { term: m.version, value: String(org.version) },
          ]}
        />
        <Heading level={2}>{m.edit}</Heading>
        <Form action={organisationPath(org.id)} csrf={ctx.session!.csrf}>
          <input type="hidden" name="version" value={state.values.version ?? String(org.version)} />
          <TextField {...bound(state, "name")} label={m.name} required />
          {org.kind === "municipality" || org.kind === "supplier" ? (
            <ImpactFields kind={org.kind} m={m} state={state} />
          ) : null}
          <ButtonGroup>
            <Button>{m.save}</Button>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}

const missing = (ctx: PageContext) => {
  const m = messagesOf(ctx);
  return notFoundPage(m.notFoundTitle, m.notFoundText, ORGANISATIONS_PATH, m.backToOrganisations);
};

export async function showOrganisation(ctx: PageContext): Promise<HtmlResult> {
  const org = await loadOrganisation(ctx);
  return org ? organisationPage(ctx, org, emptyForm(valuesOf(org))) : missing(ctx);
}

/** A PATCH of the name and the kind's impact fields; an emptied field clears it (null). */
export async function updateOrganisation(ctx: PageContext): Promise<HtmlResult | RedirectResult> {
  const org = await loadOrganisation(ctx);
  if (!org) return missing(ctx);
  const body: Record<string, unknown> = {
    name: ctx.form.get("name")?.trim() ?? "",
    version: Number(ctx.form.get("version")),
  };
  const fields =
    org.kind === "municipality" ? MUNICIPALITY_FIELDS : org.kind === "supplier" ? SUPPLIER_FIELDS : [];
  for (const name of fields) body[name] = filled(ctx.form, name) ?? null;
  if (org.kind === "supplier") body.socialEnterprise = socialEnterpriseOf(ctx.form) ?? null;
  const answer = await ctx.api.send<Organisation>(
    "PATCH",
    `/v1/organisations/${encodeURIComponent(org.id)}`,
    body,
  );
  if (answer.ok) return redirectTo(organisationPath(org.id), "organisation-saved");
  const state = formStateOf(answer.problem, ctx.form);
  if (answer.problem.status === 409) {
    // Keep what was typed, against the version now stored: saving again is a deliberate overwrite.
    state.values.version = String(org.version);
    state.detail = messagesOf(ctx).conflict;
  }
  return organisationPage(ctx, org, state, answer.problem.status);
}
