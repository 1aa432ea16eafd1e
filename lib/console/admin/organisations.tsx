import { randomUUID } from "node:crypto";
import type { OrgKind } from "../../domain/orgs.js";
import type { OrganisationResponse, RegionResponse } from "../../schemas/responses/orgs.js";
import { ButtonGroup, ButtonLink, DataList, Heading, Link, Paragraph, Table } from "../components.js";
import { Button, ErrorSummary, Fieldset, Form, SelectField, TextField } from "../form-fields.js";
import { emptyForm, errorOf, type FormState, formStateOf } from "../forms.js";
import { formatDate, inLang } from "../i18n.js";
import { common } from "../messages.js";
import type { ConsolePage, HtmlResult, PageContext, RedirectResult } from "../page.js";
import { redirectTo } from "../page.js";
import type { AdminMessages } from "./messages.js";
import {
  bodyOf,
  isOrgKind,
  kindName,
  kindOptions,
  messagesOf,
  Notice,
  notFoundPage,
  NEW_ORGANISATION_PATH,
  ORGANISATIONS_PATH,
  organisationPath,
  queryString,
  sizeOptions,
  socialEnterpriseOptions,
} from "./shared.js";

type Page<T> = { items: T[]; nextCursor: string | null };
type Organisation = OrganisationResponse;

const MUNICIPALITY_FIELDS = ["cbsCode"] as const;
const SUPPLIER_FIELDS = ["postcode", "municipalityCbsCode", "sizeClass", "sbiCode"] as const;
const SOCIAL_ENTERPRISE_FIELDS = ["kind", "evidence", "validUntil"] as const;

async function regionsOf(ctx: PageContext): Promise<RegionResponse[]> {
  return bodyOf(await ctx.api.get<Page<RegionResponse>>("/v1/regions?limit=500"), "regions").items;
}

async function organisationList(ctx: PageContext): Promise<HtmlResult> {
  const m = messagesOf(ctx);
  const kind = ctx.query.get("kind");
  const regionId = ctx.query.get("regionId");
  const filters = { kind: isOrgKind(kind) ? kind : undefined, regionId: regionId || undefined };
  const [regions, answer] = await Promise.all([
    regionsOf(ctx),
    ctx.api.get<Page<Organisation>>(
      `/v1/organisations${queryString({ ...filters, limit: "100", cursor: ctx.query.get("cursor") })}`,
    ),
  ]);
  // A region id typed into the address that is no slug: the API names it; show no rows rather than fail.
  const page = answer.ok ? answer.body : { items: [], nextCursor: null };
  const regionName = (id: string | null) => regions.find((r) => r.id === id)?.name ?? id ?? "";
  return {
    title: m.organisationsTitle,
    body: (
      <>
        <Heading level={1}>{m.organisationsTitle}</Heading>
        <Notice ctx={ctx} />
        <Paragraph>{m.organisationsIntro}</Paragraph>
        <ButtonGroup>
          <ButtonLink href={NEW_ORGANISATION_PATH} primary>
            {m.newOrganisation}
          </ButtonLink>
        </ButtonGroup>
        <form class="utrecht-form" method="get" action={ORGANISATIONS_PATH} aria-label={m.filter}>
          <SelectField
            name="kind"
            label={m.kind}
            value={filters.kind ?? ""}
            options={[{ value: "", label: m.allKinds }, ...kindOptions(m)]}
          />
          <SelectField
            name="regionId"
            label={m.region}
            value={filters.regionId ?? ""}
            options={[
              { value: "", label: m.allRegions },
              ...regions.map((r) => ({ value: r.id, label: r.name })),
            ]}
          />
          <ButtonGroup>
            <Button kind="secondary">{m.filterApply}</Button>
          </ButtonGroup>
        </form>
        {page.items.length ? (
          <Table
            caption={m.organisationsCaption}
            head={[m.name, m.kind, m.region, m.kvk, m.id]}
            rows={page.items.map((o) => [
              <Link href={organisationPath(o.id)}>{o.name}</Link>,
              kindName(o.kind, m),
              o.regionId ? regionName(o.regionId) : m.noRegion,
              o.kvk ?? "",
              <code>{o.id}</code>,
            ])}
          />
        ) : (
          <Paragraph>{m.organisationsEmpty}</Paragraph>
        )}
        {page.nextCursor ? (
          <Paragraph>
            <Link href={`${ORGANISATIONS_PATH}${queryString({ ...filters, cursor: page.nextCursor })}`}>
              {m.nextPage}
            </Link>
          </Paragraph>
        ) : null}
      </>
    ),
  };
}

/** The fields a municipality or a supplier carries; `values` are what the form shows. */
function ImpactFields({ kind, m, state }: { kind: OrgKind | "any"; m: AdminMessages; state: FormState }) {
  const text = (name: string, label: string, description?: string) => (
    <TextField
      name={name}
      label={label}
      description={description}
      value={state.values[name]}
      error={errorOf(state, name)}
    />
  );
  return (
    <>
      {kind === "municipality" || kind === "any" ? (
        <Fieldset legend={m.municipalityFields}>{text("cbsCode", m.cbsCode, m.cbsCodeDescription)}</Fieldset>
      ) : null}
      {kind === "supplier" || kind === "any" ? (
        <Fieldset legend={m.supplierFields}>
          {kind === "any" ? text("kvk", m.kvk, m.kvkDescription) : null}
          {text("postcode", m.postcode, m.postcodeDescription)}
          {text("municipalityCbsCode", m.municipalityCbsCode, m.cbsCodeDescription)}
          <SelectField
            name="sizeClass"
            label={m.sizeClass}
            value={state.values.sizeClass ?? ""}
            error={errorOf(state, "sizeClass")}
            options={sizeOptions(m)}
          />
          {text("sbiCode", m.sbiCode, m.sbiCodeDescription)}
          <Fieldset legend={m.socialEnterprise}>
            <SelectField
              name="socialEnterprise.kind"
              label={m.socialEnterpriseKind}
              value={state.values["socialEnterprise.kind"] ?? ""}
              error={errorOf(state, "socialEnterprise.kind") ?? errorOf(state, "socialEnterprise")}
              options={socialEnterpriseOptions(m)}
            />
            {text(
              "socialEnterprise.evidence",
              m.socialEnterpriseEvidence,
              m.socialEnterpriseEvidenceDescription,
            )}
            <TextField
              name="socialEnterprise.validUntil"
              label={m.socialEnterpriseValidUntil}
              type="date"
              value={state.values["socialEnterprise.validUntil"]}
              error={errorOf(state, "socialEnterprise.validUntil")}
            />
          </Fieldset>
        </Fieldset>
      ) : null}
    </>
  );
}

async function createForm(ctx: PageContext, state: FormState, status?: number): Promise<HtmlResult> {
  const m = messagesOf(ctx);
  const regions = await regionsOf(ctx);
  return {
    title: m.newOrganisationTitle,
    ...(status ? { status } : {}),
    body: (
      <>
        <Heading level={1}>{m.newOrganisationTitle}</Heading>
        <ErrorSummary
          title={inLang(common, ctx.lang).errorSummaryTitle}
          errors={state.errors}
          detail={state.detail}
        />
        <Form action={NEW_ORGANISATION_PATH} csrf={ctx.session!.csrf} idempotencyKey={randomUUID()}>
          <SelectField
            name="kind"
            label={m.kind}
            value={state.values.kind ?? ""}
            error={errorOf(state, "kind")}
            options={[{ value: "", label: m.chooseKind }, ...kindOptions(m)]}
            required
          />
          <TextField
            name="name"
            label={m.name}
            value={state.values.name}
            error={errorOf(state, "name")}
            required
          />
          <TextField
            name="id"
            label={m.regionId}
            description={m.idDescription}
            value={state.values.id}
            error={errorOf(state, "id")}
          />
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

const filled = (form: URLSearchParams, name: string): string | undefined => {
  const value = form.get(name)?.trim();
  return value ? value : undefined;
};

/** The social-enterprise claim when any of its parts is filled in (the API names a missing part). */
function socialEnterpriseOf(form: URLSearchParams) {
  const parts = SOCIAL_ENTERPRISE_FIELDS.map((f) => [f, filled(form, `socialEnterprise.${f}`)] as const);
  return parts.some(([, v]) => v !== undefined)
    ? Object.fromEntries(parts.map(([f, v]) => [f, v ?? ""]))
    : undefined;
}

async function createOrganisation(ctx: PageContext): Promise<HtmlResult | RedirectResult> {
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
        <ErrorSummary
          title={inLang(common, ctx.lang).errorSummaryTitle}
          errors={state.errors}
          detail={state.detail}
        />
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
          <TextField
            name="name"
            label={m.name}
            value={state.values.name}
            error={errorOf(state, "name")}
            required
          />
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

async function showOrganisation(ctx: PageContext): Promise<HtmlResult> {
  const org = await loadOrganisation(ctx);
  return org ? organisationPage(ctx, org, emptyForm(valuesOf(org))) : missing(ctx);
}

/** A PATCH of the name and the kind's impact fields; an emptied field clears it (null). */
async function updateOrganisation(ctx: PageContext): Promise<HtmlResult | RedirectResult> {
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

export const organisationPages: ConsolePage[] = [
  { method: "GET", path: ORGANISATIONS_PATH, access: ["admin"], handle: organisationList },
  {
    method: "GET",
    path: NEW_ORGANISATION_PATH,
    access: ["admin"],
    handle: (ctx) => createForm(ctx, emptyForm()),
  },
  { method: "POST", path: NEW_ORGANISATION_PATH, access: ["admin"], handle: createOrganisation },
  {
    method: "GET",
    path: `${ORGANISATIONS_PATH}/{organisationId}`,
    access: ["admin"],
    handle: showOrganisation,
  },
  {
    method: "POST",
    path: `${ORGANISATIONS_PATH}/{organisationId}`,
    access: ["admin"],
    handle: updateOrganisation,
  },
];
