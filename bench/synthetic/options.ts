/**
 * The options and results of the synthetic region generator (bench/synthetic/region.ts), apart from it:
 * reading them loads none of the service's modules (the store client takes its endpoint when it loads).
 */
import type { Entry } from "../../lib/contracts/entries/model.js";

/** Bump when the generator writes different items for the same options: cached regions are rebuilt. */
export const GENERATOR_VERSION = 1;

export interface SyntheticRegionOptions {
  regionId: string;
  municipalities: number;
  suppliers: number;
  contracts: number;
  entries: number;
  seed: number;
  /** The generator's clock: contracts start before it, entries are submitted and reviewed before it. */
  now: string;
}

export const FULL_SIZE: SyntheticRegionOptions = {
  regionId: "synthetic",
  municipalities: 55,
  suppliers: 400,
  contracts: 5000,
  entries: 200_000,
  seed: 20260715,
  now: "2026-07-15T12:00:00.000Z",
};

/** What a generation wrote. */
export interface SyntheticRegionCounts {
  organisations: number;
  contracts: number;
  entries: number;
  byStatus: Record<Entry["status"], number>;
  withoutEvidence: number;
  monthRows: number;
  blockRows: number;
  totalsRows: number;
  personMarkers: number;
  /** Every item written (the use cases' audit events and markers apart). */
  items: number;
}

export interface SyntheticRegion {
  options: SyntheticRegionOptions;
  regionId: string;
  regionBodyId: string;
  municipalityIds: string[];
  supplierIds: string[];
  counts: SyntheticRegionCounts;
  seconds: number;
}
