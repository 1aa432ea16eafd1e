import type {
  PolicyResponse,
  PolicyVersionsResponse,
  CataloguePageResponse,
} from "../../schemas/responses/sroi.js";
import type { PageContext } from "../page.js";
import { monthIn, regionOf } from "./region.js";

/** The first day of the month after `now` (Amsterdam time), as `2026-08-01`. */
export function nextMonthStart(now: Date): string {
  const [year, month] = monthIn(now).split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

const latestOf = (versions: readonly PolicyResponse[]): PolicyResponse | undefined =>
  versions.reduce<PolicyResponse | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);

/** The region's policy versions and catalogue versions, as the API answers them. */
export async function loadRules(ctx: PageContext) {
  const region = await regionOf(ctx);
  if ("problem" in region) return region;
  const id = encodeURIComponent(region.regionId);
  const [policies, catalogues] = await Promise.all([
    ctx.api.get<PolicyVersionsResponse>(`/v1/sroi/policies/${id}`),
    ctx.api.get<CataloguePageResponse>(`/v1/sroi/catalogues?regionId=${id}&limit=500`),
  ]);
  if (!catalogues.ok) return { problem: catalogues.problem };
  if (!policies.ok && policies.problem.status !== 404) return { problem: policies.problem };
  const versions = policies.ok ? policies.body.versions : [];
  return {
    regionId: region.regionId,
    current: policies.ok ? policies.body.current : null,
    versions,
    latest: latestOf(versions),
    catalogues: catalogues.body.items,
  };
}

export type Rules = Exclude<Awaited<ReturnType<typeof loadRules>>, { problem: unknown }>;

/** The form field an error of the API or of zod names: its first segment (`threshold.amount` → `threshold`). */
export const fieldOfPath = (path: string, fallback: string) =>
  path.replace(/^body\.?/, "").split(".")[0] || fallback;

/** A JSON object a preview carried in a hidden field; undefined when it was tampered with. */
export function carriedJson(form: URLSearchParams, name: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(form.get(name) ?? "");
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
