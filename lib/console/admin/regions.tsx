import { randomUUID } from "node:crypto";
import type { RegionResponse } from "../../schemas/responses/orgs.js";
import { ButtonGroup, ButtonLink, Heading, Link, Paragraph, Table } from "../components.js";
import { Button, FormErrors, Form, TextField } from "../form-fields.js";
import { emptyForm, type FormState, formStateOf, bound } from "../forms.js";
import { formatDate } from "../i18n.js";
import type { ConsolePage, HtmlResult, PageContext } from "../page.js";
import { redirectTo } from "../page.js";
import {
  bodyOf,
  type ListPage,
  messagesOf,
  Notice,
  NEW_REGION_PATH,
  ORGANISATIONS_PATH,
  queryString,
  REGIONS_PATH,
} from "./shared.js";

async function regionList(ctx: PageContext): Promise<HtmlResult> {
  const m = messagesOf(ctx);
  const cursor = ctx.query.get("cursor");
  const page = bodyOf(
    await ctx.api.get<ListPage<RegionResponse>>(`/v1/regions${queryString({ limit: "100", cursor })}`),
    "regions",
  );
  return {
    title: m.regionsTitle,
    body: (
      <>
        <Heading level={1}>{m.regionsTitle}</Heading>
        <Notice ctx={ctx} />
        <Paragraph>{m.regionsIntro}</Paragraph>
        <ButtonGroup>
          <ButtonLink href={NEW_REGION_PATH} primary>
            {m.newRegion}
          </ButtonLink>
        </ButtonGroup>
        {page.items.length ? (
          <Table
            caption={m.regionsCaption}
            head={[m.name, m.id, m.created, m.navOrganisations]}
            rows={page.items.map((r) => [
              r.name,
              <code>{r.id}</code>,
              formatDate(r.createdAt, ctx.lang),
              <Link href={`${ORGANISATIONS_PATH}${queryString({ regionId: r.id })}`}>
                {m.organisationsOfRegion(r.name)}
              </Link>,
            ])}
          />
        ) : (
          <Paragraph>{m.regionsEmpty}</Paragraph>
        )}
        {page.nextCursor ? (
          <Paragraph>
            <Link href={`${REGIONS_PATH}${queryString({ cursor: page.nextCursor })}`}>{m.nextPage}</Link>
          </Paragraph>
        ) : null}
      </>
    ),
  };
}

function regionForm(ctx: PageContext, state: FormState, status?: number): HtmlResult {
  const m = messagesOf(ctx);
  return {
    title: m.newRegionTitle,
    ...(status ? { status } : {}),
    body: (
      <>
        <Heading level={1}>{m.newRegionTitle}</Heading>
        <FormErrors lang={ctx.lang} state={state} />
        <Form action={NEW_REGION_PATH} csrf={ctx.session!.csrf} idempotencyKey={randomUUID()}>
          <TextField {...bound(state, "name")} label={m.regionName} required />
          <TextField {...bound(state, "id")} label={m.regionId} description={m.idDescription} />
          <ButtonGroup>
            <Button>{m.createRegion}</Button>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}

async function createRegion(ctx: PageContext): Promise<HtmlResult | ReturnType<typeof redirectTo>> {
  const id = ctx.form.get("id")?.trim();
  const answer = await ctx.api.send<RegionResponse>(
    "POST",
    "/v1/regions",
    { name: ctx.form.get("name") ?? "", ...(id ? { id } : {}) },
    { idempotencyKey: ctx.form.get("_idempotency") ?? randomUUID() },
  );
  if (answer.ok) return redirectTo(REGIONS_PATH, "region-created");
  return regionForm(ctx, formStateOf(answer.problem, ctx.form), answer.problem.status);
}

export const regionPages: ConsolePage[] = [
  { method: "GET", path: REGIONS_PATH, access: ["admin"], handle: regionList },
  {
    method: "GET",
    path: NEW_REGION_PATH,
    access: ["admin"],
    handle: async (ctx) => regionForm(ctx, emptyForm()),
  },
  { method: "POST", path: NEW_REGION_PATH, access: ["admin"], handle: createRegion },
];
