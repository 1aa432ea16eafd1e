import { ORG_KINDS } from "../../domain/orgs.js";
import type { OrganisationResponse, RegionResponse } from "../../schemas/responses/orgs.js";
import { ButtonGroup, ButtonLink, Heading, Link, Paragraph, Table } from "../components.js";
import { formatNumber, inLang } from "../i18n.js";
import { common } from "../messages.js";
import type { ConsolePage, HtmlResult, NavItem, PageContext } from "../page.js";
import { adminMessages } from "./messages.js";
import { organisationPages } from "./organisations.js";
import { regionPages } from "./regions.js";
import {
  bodyOf,
  kindName,
  messagesOf,
  NEW_ORGANISATION_PATH,
  NEW_REGION_PATH,
  ORGANISATIONS_PATH,
  queryString,
  REGIONS_PATH,
} from "./shared.js";

/** The admin's pages under /console/. */
export const adminPages: ConsolePage[] = [...regionPages, ...organisationPages];

/** The admin's links in the header. */
export const adminNav: NavItem[] = [
  {
    href: REGIONS_PATH,
    label: { nl: adminMessages.nl.navRegions, en: adminMessages.en.navRegions },
    roles: ["admin"],
  },
  {
    href: ORGANISATIONS_PATH,
    label: { nl: adminMessages.nl.navOrganisations, en: adminMessages.en.navOrganisations },
    roles: ["admin"],
  },
];

const PAGE = 500;

/** The admin's overview at /console/: how many regions and organisations of each kind, and where to add one. */
export async function adminHome(ctx: PageContext): Promise<HtmlResult> {
  const m = messagesOf(ctx);
  const [regions, organisations] = await Promise.all([
    ctx.api.get<{ items: RegionResponse[]; nextCursor: string | null }>(`/v1/regions?limit=${PAGE}`),
    ctx.api.get<{ items: OrganisationResponse[]; nextCursor: string | null }>(
      `/v1/organisations?limit=${PAGE}`,
    ),
  ]).then(([r, o]) => [bodyOf(r, "regions"), bodyOf(o, "organisations")] as const);
  // One page each: beyond it the count says "500 or more" rather than reading every page.
  const count = (n: number, more: boolean) => (more ? m.atLeast(n) : formatNumber(n, ctx.lang));
  const title = inLang(common, ctx.lang).homeTitle;
  return {
    title,
    body: (
      <>
        <Heading level={1}>{title}</Heading>
        <Paragraph lead>{m.homeIntro}</Paragraph>
        <Heading level={2}>{m.regionsTitle}</Heading>
        <Paragraph>
          <Link href={REGIONS_PATH}>
            {m.homeRegionsCount(count(regions.items.length, regions.nextCursor !== null))}
          </Link>
        </Paragraph>
        <ButtonGroup>
          <ButtonLink href={NEW_REGION_PATH}>{m.newRegion}</ButtonLink>
        </ButtonGroup>
        <Heading level={2}>{m.organisationsTitle}</Heading>
        <Table
          caption={m.homeOrganisationsCaption}
          head={[m.kind, m.count]}
          numeric={[1]}
          rows={ORG_KINDS.map((kind) => [
            <Link href={`${ORGANISATIONS_PATH}${queryString({ kind })}`}>{kindName(kind, m)}</Link>,
            count(
              organisations.items.filter((o) => o.kind === kind).length,
              organisations.nextCursor !== null,
            ),
          ])}
        />
        <ButtonGroup>
          <ButtonLink href={NEW_ORGANISATION_PATH}>{m.newOrganisation}</ButtonLink>
        </ButtonGroup>
      </>
    ),
  };
}
