import { amsterdamDate } from "../../domain/amsterdam-time.js";
import { catalogueInForce } from "../../domain/sroi/catalogue.js";
import type { ContractResponse } from "../../schemas/responses/contracts.js";
import type { BidListResponse, BidResponse, TenderResponse } from "../../schemas/responses/tenders.js";
import type { CatalogueResponse, CataloguePageResponse } from "../../schemas/responses/sroi.js";
import type { ApiAnswer } from "../api.js";
import type { PageContext } from "../page.js";

/** What the supplier's pages read from the API, composed from its routes. */

/** An answer's body, or an error naming what failed (the handler renders a 500 page with the correlation id). */
export function bodyOf<T>(answer: ApiAnswer<T>, what: string): T {
  if (answer.ok) return answer.body;
  throw new Error(`${what}: ${answer.problem.status} ${answer.problem.code ?? answer.problem.title}`);
}

/** A path segment for an id taken from a URL. */
export const seg = (id: string) => encodeURIComponent(id);

/** The supplier's page of a tender (its bid form) and of a contract (its realisation). */
export const tenderPath = (tenderId: string) => `/console/supplier/tenders/${seg(tenderId)}`;
export const contractPath = (contractId: string) => `/console/supplier/contracts/${seg(contractId)}`;

/** The names of organisations (buyers), each read once; the id where it cannot be read. */
export async function organisationNames(
  ctx: PageContext,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const answers = await Promise.all(
    unique.map((id) => ctx.api.get<{ name: string }>(`/v1/organisations/${seg(id)}`)),
  );
  return new Map(
    unique.map((id, i) => [id, answers[i]!.ok ? (answers[i] as { body: { name: string } }).body.name : id]),
  );
}

/** The contract a page's `{contractId}` names; undefined where the API does not show it. */
export async function loadContract(ctx: PageContext): Promise<ContractResponse | undefined> {
  const answer = await ctx.api.get<ContractResponse>(`/v1/contracts/${seg(ctx.params.contractId!)}`);
  return answer.ok ? answer.body : undefined;
}

/** The published tenders the supplier sees (the first page: a few hundred). */
export async function publishedTenders(ctx: PageContext): Promise<TenderResponse[]> {
  return bodyOf(await ctx.api.get<{ items: TenderResponse[] }>("/v1/tenders?limit=200"), "tenders").items;
}

/** The supplier's own bids on a tender, one per lot at most. */
export async function ownBids(ctx: PageContext, tenderId: string): Promise<BidResponse[]> {
  const list = bodyOf(await ctx.api.get<BidListResponse>(`/v1/tenders/${seg(tenderId)}/bids`), "bids");
  return list.items as BidResponse[];
}

export type Lot = TenderResponse["lots"][number];

/**
 * The catalogue version that values a lot's social-return offer: the one pinned when the tender was
 * published, else the one the award model names, else the version in force today.
 */
export async function offerCatalogue(
  ctx: PageContext,
  tender: TenderResponse,
  lot: Lot,
): Promise<CatalogueResponse | undefined> {
  const ref = lot.awardModel.socialReturn?.catalogue;
  if (!ref) return undefined;
  const pinned =
    tender.published?.tables.find((t) => t.kind === "sroi-catalogue" && t.id === ref.id)?.version ??
    ref.version;
  return pinned ? catalogueVersion(ctx, ref.id, pinned) : catalogueInForceToday(ctx, ref.id);
}

/** One version of a catalogue; undefined where the API refuses it. */
export async function catalogueVersion(
  ctx: PageContext,
  catalogueId: string,
  version: string,
): Promise<CatalogueResponse | undefined> {
  const answer = await ctx.api.get<CatalogueResponse>(
    `/v1/sroi/catalogues/${seg(catalogueId)}/versions/${seg(version)}`,
  );
  return answer.ok ? answer.body : undefined;
}

/** The version of a catalogue in force today (Amsterdam time). */
export async function catalogueInForceToday(
  ctx: PageContext,
  catalogueId: string,
): Promise<CatalogueResponse | undefined> {
  const versions = await ctx.api.get<CataloguePageResponse>(
    `/v1/sroi/catalogues/${seg(catalogueId)}/versions`,
  );
  return versions.ok ? catalogueInForce(versions.body.items, amsterdamDate(ctx.now)) : undefined;
}

/** Building blocks as choices: their label (or target group) and id. */
export const blockChoices = (catalogue: CatalogueResponse | undefined) =>
  (catalogue?.blocks ?? []).map((b) => ({
    value: b.id,
    label: b.label ?? b.targetGroup ?? b.id,
  }));

/** The certificate scheme a lot's price correction discounts for (inline, or its reference table's). */
export async function certificateScheme(ctx: PageContext, lot: Lot): Promise<string | undefined> {
  const certificate = lot.awardModel.corrections?.certificate;
  if (!certificate) return undefined;
  if ("scheme" in certificate) return certificate.scheme;
  const tables = await ctx.api.get<{ items: { id: string; kind: string; scheme?: string }[] }>(
    "/v1/reference-tables?kind=certificate-discount&limit=500",
  );
  return tables.ok ? tables.body.items.find((t) => t.id === certificate.tableId)?.scheme : undefined;
}

/** A refused form's status: the API's 400 or 409 as it said, else 422. */
export const formStatus = (problem: { status: number }) =>
  problem.status === 400 || problem.status === 409 ? problem.status : 422;
