import type { Role } from "../../operation.js";
import type { CatalogueResponse } from "../../schemas/responses/sroi.js";
import { Alert, ButtonLink, DataList, Heading, Link, Paragraph, Table } from "../components.js";
import { cataloguePublishPages } from "./catalogue-publish.js";
import { rateOf } from "./catalogue-values.js";
import { formatDate, formatDateTime, formatNumber, inLang } from "../i18n.js";
import type { ConsolePage, HtmlResult, PageContext } from "../page.js";
import { auditorMessages } from "./messages.js";
import { problemPage } from "./region.js";

/** GET /console/rules/catalogues/{catalogueId}/{version}: one catalogue version's building blocks. */
async function cataloguePage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(auditorMessages, ctx.lang);
  const { catalogueId, version } = ctx.params as { catalogueId: string; version: string };
  const answer = await ctx.api.get<CatalogueResponse>(
    `/v1/sroi/catalogues/${encodeURIComponent(catalogueId)}/versions/${encodeURIComponent(version)}`,
  );
  if (!answer.ok) return problemPage(ctx, m.cataloguesTitle, answer.problem);
  const c = answer.body;
  const title = m.catalogueTitle(c.name, c.version);
  return {
    title,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        {ctx.query.get("notice") === "published" ? (
          <Alert kind="ok">
            <Paragraph>{m.cataloguePublished(c.version)}</Paragraph>
          </Alert>
        ) : null}
        <ButtonLink href={`/console/rules/catalogues/${encodeURIComponent(c.id)}/versions/new`} primary>
          {m.newCatalogueVersion}
        </ButtonLink>
        <DataList
          items={[
            { term: m.catalogue, value: c.id },
            {
              term: m.effectiveFrom,
              value: c.effectiveFrom ? formatDate(c.effectiveFrom, ctx.lang) : m.fromStart,
            },
            { term: m.catalogueSource, value: c.source },
            { term: m.completeness, value: c.incomplete ? m.incomplete : m.complete },
            ...(c.missing?.length ? [{ term: m.catalogueMissing, value: c.missing.join(", ") }] : []),
            { term: m.publishedAt, value: formatDateTime(c.publishedAt, ctx.lang) },
          ]}
        />
        <Table
          caption={m.blocksCaption}
          head={[m.block, m.kind, m.targetGroup, m.rate, m.maxMonths]}
          numeric={[4]}
          rows={c.blocks.map((b) => [
            b.label ?? b.id,
            b.kind,
            b.targetGroup ?? "",
            rateOf(b, m, ctx.lang),
            b.maxMonths === undefined || b.maxMonths === null ? "" : formatNumber(b.maxMonths, ctx.lang),
          ])}
        />
        <Paragraph>
          <Link href="/console/rules">{m.backToRules}</Link>
        </Paragraph>
      </>
    ),
  };
}

/** The catalogue pages: one version's building blocks, and publishing a new version. */
export function cataloguePages(access: readonly Role[]): ConsolePage[] {
  return [
    {
      method: "GET",
      path: "/console/rules/catalogues/{catalogueId}/{version}",
      access,
      handle: cataloguePage,
    },
    ...cataloguePublishPages(access),
  ];
}
