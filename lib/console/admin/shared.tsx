import { ORG_KINDS, type OrgKind } from "../../domain/orgs.js";
import { SIZE_CLASSES, SOCIAL_ENTERPRISE_KINDS } from "../../domain/impact/organisations.js";
import type { RegionResponse } from "../../schemas/responses/orgs.js";
import type { ApiAnswer } from "../api.js";
import { Alert, Heading, Link, Paragraph } from "../components.js";
import { inLang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { type AdminMessages, adminMessages } from "./messages.js";

export const ADMIN_BASE = "/console/admin";
export const REGIONS_PATH = `${ADMIN_BASE}/regions`;
export const ORGANISATIONS_PATH = `${ADMIN_BASE}/organisations`;
/** Apart from the organisations' own paths, so no organisation id ("new" is a valid one) is shadowed. */
export const NEW_REGION_PATH = `${ADMIN_BASE}/new-region`;
export const NEW_ORGANISATION_PATH = `${ADMIN_BASE}/new-organisation`;
export const organisationPath = (id: string): string => `${ORGANISATIONS_PATH}/${encodeURIComponent(id)}`;

export const messagesOf = (ctx: PageContext): AdminMessages => inLang(adminMessages, ctx.lang);

export const kindName = (kind: OrgKind, m: AdminMessages): string =>
  ({
    municipality: m.kindMunicipality,
    supplier: m.kindSupplier,
    "region-body": m.kindRegionBody,
    operator: m.kindOperator,
  })[kind];

export const kindOptions = (m: AdminMessages) => ORG_KINDS.map((k) => ({ value: k, label: kindName(k, m) }));

export const sizeOptions = (m: AdminMessages) => [
  { value: "", label: m.sizeClassNone },
  ...SIZE_CLASSES.map((s) => ({
    value: s,
    label: { micro: m.sizeMicro, small: m.sizeSmall, medium: m.sizeMedium, large: m.sizeLarge }[s],
  })),
];

export const socialEnterpriseOptions = (m: AdminMessages) => [
  { value: "", label: m.socialEnterpriseNone },
  ...SOCIAL_ENTERPRISE_KINDS.map((k) => ({
    value: k,
    label: {
      "code-sociale-ondernemingen": m.seCode,
      "pso-30plus": m.sePso,
      "sw-company": m.seSw,
      "social-enterprise-nl": m.seNl,
    }[k],
  })),
];

/** The notices a page shows after a form worked (Post/Redirect/Get); only known keys, never the query's text. */
export function Notice({ ctx }: { ctx: PageContext }) {
  const m = messagesOf(ctx);
  const text = (
    {
      "region-created": m.regionCreated,
      "organisation-created": m.organisationCreated,
      "organisation-saved": m.organisationSaved,
    } as Record<string, string>
  )[ctx.query.get("notice") ?? ""];
  return text ? <Alert kind="ok">{text}</Alert> : null;
}

/** An answer a page cannot do without: a refusal here is a fault (the 500 page, with the correlation id). */
export function bodyOf<T>(answer: ApiAnswer<T>, what: string): T {
  if (!answer.ok) throw new Error(`${what}: ${answer.problem.status} ${answer.problem.code}`);
  return answer.body;
}

/** A page of a list the API answers. */
export type ListPage<T> = { items: T[]; nextCursor: string | null };

/** The regions an organisation may belong to (all of them: a few dozen). */
export async function regionsOf(ctx: PageContext): Promise<RegionResponse[]> {
  return bodyOf(await ctx.api.get<ListPage<RegionResponse>>("/v1/regions?limit=500"), "regions").items;
}

/** A list query with only the filters that are set. */
export function queryString(params: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const isOrgKind = (value: string | null): value is OrgKind => ORG_KINDS.includes(value as OrgKind);

export const notFoundPage = (title: string, text: string, back: string, label: string): HtmlResult => ({
  status: 404,
  title,
  body: (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph>{text}</Paragraph>
      <Paragraph>
        <Link href={back}>{label}</Link>
      </Paragraph>
    </>
  ),
});
