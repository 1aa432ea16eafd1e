import { ButtonGroup, ButtonLink, Heading, Link, Paragraph, Table } from "../components.js";
import { Button, SelectField } from "../form-fields.js";
import { emptyForm } from "../forms.js";
import type { ConsolePage, HtmlResult, PageContext } from "../page.js";
import { createForm, createOrganisation } from "./organisation-create.js";
import { showOrganisation, updateOrganisation } from "./organisation-edit.js";
import type { Organisation } from "./organisation-fields.js";
import {
  isOrgKind,
  kindName,
  kindOptions,
  type ListPage,
  messagesOf,
  Notice,
  NEW_ORGANISATION_PATH,
  ORGANISATIONS_PATH,
  organisationPath,
  queryString,
  regionsOf,
} from "./shared.js";

/** The organisations' list with its filters, and the admin's organisation pages. */

async function organisationList(ctx: PageContext): Promise<HtmlResult> {
  const m = messagesOf(ctx);
  const kind = ctx.query.get("kind");
  const regionId = ctx.query.get("regionId");
  const filters = { kind: isOrgKind(kind) ? kind : undefined, regionId: regionId || undefined };
  const [regions, answer] = await Promise.all([
    regionsOf(ctx),
    ctx.api.get<ListPage<Organisation>>(
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
