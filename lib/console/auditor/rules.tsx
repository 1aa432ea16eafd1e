import type { Role } from "../../operation.js";
import { Alert, ButtonLink, Heading, Link, Paragraph, StatusBadge, Table } from "../components.js";
import { formatDate, formatDateTime, formatNumber, inLang } from "../i18n.js";
import type { ConsolePage, HtmlResult, PageContext } from "../page.js";
import { cataloguePages } from "./catalogues.js";
import { auditorMessages } from "./messages.js";
import { policyPages } from "./policy.js";
import { describe } from "./policy-values.js";
import { problemPage } from "./region.js";
import { loadRules } from "./rules-shared.js";

export { bodyOf, policyChanges } from "./policy-values.js";
export { nextMonthStart } from "./rules-shared.js";

/** GET /console/rules: the policy's versions and the catalogues' versions. */
async function rulesPage(ctx: PageContext): Promise<HtmlResult> {
  const m = inLang(auditorMessages, ctx.lang);
  const rules = await loadRules(ctx);
  if ("problem" in rules) return problemPage(ctx, m.rulesTitle, rules.problem);
  const published = ctx.query.get("notice") === "published" ? ctx.query.get("version") : null;
  const { current, versions, catalogues } = rules;
  return {
    title: m.rulesTitle,
    body: (
      <>
        <Heading level={1}>{m.rulesTitle}</Heading>
        {published ? (
          <Alert kind="ok">
            <Paragraph>{m.published(published)}</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>{m.rulesIntro}</Paragraph>
        <Heading level={2}>{m.policyTitle}</Heading>
        {current ? <Paragraph>{m.policyCurrent(String(current.version))}</Paragraph> : null}
        {versions.length ? (
          <Table
            caption={m.policyVersionsCaption}
            head={[
              m.version,
              m.effectiveFrom,
              m["policy.percent"],
              m["policy.threshold"],
              m.publishedAt,
              m.publishedBy,
            ]}
            numeric={[0, 2, 3]}
            rows={[...versions]
              .sort((a, b) => b.version - a.version)
              .map((v) => [
                <>
                  {formatNumber(v.version, ctx.lang)}
                  {current?.version === v.version ? (
                    <>
                      {" "}
                      <StatusBadge kind="neutral">{m.current}</StatusBadge>
                    </>
                  ) : null}
                </>,
                v.effectiveFrom ? formatDate(v.effectiveFrom, ctx.lang) : m.fromStart,
                describe("percent", v.percent, m, ctx.lang),
                describe("threshold", v.threshold, m, ctx.lang),
                formatDateTime(v.publishedAt, ctx.lang),
                v.publishedBy,
              ])}
          />
        ) : (
          <Paragraph>{m.policyNone}</Paragraph>
        )}
        <ButtonLink href="/console/rules/policy/new" primary>
          {m.newPolicyVersion}
        </ButtonLink>
        <Heading level={2}>{m.cataloguesTitle}</Heading>
        {catalogues.length ? (
          <Table
            caption={m.cataloguesCaption}
            head={[m.catalogue, m.version, m.name, m.effectiveFrom, m.blocks, m.completeness]}
            numeric={[4]}
            rows={catalogues.map((c) => [
              c.id,
              <Link
                href={`/console/rules/catalogues/${encodeURIComponent(c.id)}/${encodeURIComponent(c.version)}`}
              >
                {c.version}
              </Link>,
              c.name,
              c.effectiveFrom ? formatDate(c.effectiveFrom, ctx.lang) : m.fromStart,
              formatNumber(c.blocks.length, ctx.lang),
              c.incomplete ? <StatusBadge kind="warning">{m.incomplete}</StatusBadge> : m.complete,
            ])}
          />
        ) : (
          <Paragraph>{m.noCatalogues}</Paragraph>
        )}
      </>
    ),
  };
}

/** The rules pages: the overview, the policy's versions and the catalogues' versions. */
export function rulePages(access: readonly Role[]): ConsolePage[] {
  return [
    { method: "GET", path: "/console/rules", access, handle: rulesPage },
    ...cataloguePages(access),
    ...policyPages(access),
  ];
}
