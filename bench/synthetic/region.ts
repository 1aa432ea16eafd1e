/**
 * A synthetic region for benchmarks and tests: municipalities, suppliers each working for several of
 * them, contracts and realisation entries, written through the service's own modules. Organisations, the
 * region, a catalogue and a policy go through their use cases (few items); contracts are planned by the
 * registration's planNewContract and stored as the items its storePlannedContract writes; entries are
 * validated and valued by prepareEntry (the catalogue's valuation), given a status and review, and
 * written with BatchWriteItem together with the running totals the service's own pure functions compute
 * from them (totalsFromEntries, monthRowsFromEntries, personTicksFromEntries) — 200,000 entries through
 * the request path would take over 20 minutes. TOTALS carries periodRows, so no backfill touches it.
 *
 * Not written: audit events of contracts and entries, and candidate claims (the overlap and FTE checks of
 * later submissions); the service reads neither for reports or totals.
 *
 * Deterministic: the same options give the same items (a seeded generator, operation ids from the
 * indexes, a fixed clock). Nothing here decides a rule: every figure comes from the service's functions.
 */
import type { Catalogue } from "../../lib/domain/sroi/catalogue.js";
import { monthsToTicks, ticksToMonths } from "../../lib/domain/sroi/months.js";
import { lastDayOf, monthsOfLabel } from "../../lib/domain/reports/periods.js";
import {
  contractDocumentItem,
  contractVersionItems,
  planNewContract,
} from "../../lib/contracts/contract/create.js";
import type { Contract } from "../../lib/contracts/contract/model.js";
import { type RegisterInput, registration } from "../../lib/contracts/contract/register.js";
import type { Entry, EntryInput } from "../../lib/contracts/entries/model.js";
import { type CatalogueMemo, prepareEntry } from "../../lib/contracts/entries/prepare.js";
import { entryIdFor } from "../../lib/contracts/entries/submit.js";
import { entryIndexKeys, entryKey, reviewQueueIndexKeys } from "../../lib/entities/entry.js";
import { seedDoneKey } from "../../lib/entities/seed-step.js";
import { type Actor, operation } from "../../lib/operation.js";
import { batchPutItems } from "../../lib/store/batch.js";
import { getItem, type Item, putIfAbsent } from "../../lib/store/ops.js";
import { inParallel } from "../../lib/store/parallel.js";
import { randomTools, seededRandom } from "../../test/support/seeded-random.js";
import { totalsItems } from "./totals.js";
import { pad, type Parties, TRADES, VENDORS, vendorKvk, writeOrganisations, writeRules } from "./parties.js";
import {
  GENERATOR_VERSION,
  type SyntheticRegion,
  type SyntheticRegionCounts,
  type SyntheticRegionOptions,
} from "./options.js";

export {
  FULL_SIZE,
  GENERATOR_VERSION,
  type SyntheticRegion,
  type SyntheticRegionOptions,
} from "./options.js";

/** The seed-step marker written last: a region is complete when it is there. */
export const completionKey = (regionId: string) => seedDoneKey(`synthetic-region#${regionId}`);

const OPTION_NAMES = [
  "regionId",
  "municipalities",
  "suppliers",
  "contracts",
  "entries",
  "seed",
  "now",
] as const;

/** The completion marker of a generated region, or undefined (absent, or generated with other options). */
export async function completedRegion(options: SyntheticRegionOptions): Promise<SyntheticRegion | undefined> {
  const marker = await getItem<{ generator: number; region: SyntheticRegion }>(
    completionKey(options.regionId),
  );
  if (!marker || marker.generator !== GENERATOR_VERSION) return undefined;
  return OPTION_NAMES.every((name) => marker.region.options[name] === options[name])
    ? marker.region
    : undefined;
}

type Rnd = ReturnType<typeof randomTools> & { rnd: () => number };
/** The generator's pseudo-random helpers from a seed. */
export const syntheticRandom = (seed: number): Rnd => {
  const rnd = seededRandom(seed);
  return { rnd, ...randomTools(rnd) };
};

/** A contract before it is planned: its parties, dates, reporting rhythm and blocks. */
interface Shape {
  index: number;
  buyer: number;
  supplier: number;
  start: string;
  end: string;
  labels: string[];
  blocks: string[];
  weight: number;
}

const monthText = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1, 2)}`;
const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Reporting labels (monthly or quarterly) overlapping the contract that ended a few days before `now`. */
function labelsOf(start: string, end: string, quarterly: boolean, now: string): string[] {
  const labels: string[] = [];
  const cutoff = new Date(Date.parse(now) - 5 * 86_400_000).toISOString().slice(0, 10);
  for (let m = monthNumber(start.slice(0, 7)); m <= monthNumber(end.slice(0, 7)); m++) {
    const month = monthText(m);
    const label = quarterly ? `${month.slice(0, 4)}-Q${Math.floor((m % 12) / 3) + 1}` : month;
    if (labels.at(-1) === label) continue;
    if (lastDayOf(monthsOfLabel(label)) > cutoff) break;
    labels.push(label);
  }
  return labels;
}

/** Every contract's shape, from one generator: deterministic whatever the order contracts are written in. */
function shapes(options: SyntheticRegionOptions, blockIds: string[]): Shape[] {
  const r = syntheticRandom(options.seed);
  const m = options.municipalities;
  // Each supplier works for 2 to 8 municipalities; every municipality has one at least.
  const served = Array.from({ length: options.suppliers }, (_, s) => [
    ...new Set([s % m, ...Array.from({ length: r.int(1, 7) }, () => r.int(0, m - 1))]),
  ]);
  const suppliersOf = Array.from({ length: m }, () => [] as number[]);
  served.forEach((list, s) => {
    for (const b of list) suppliersOf[b]!.push(s);
  });
  // Larger municipalities buy more: weights fall with the index.
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < m; i++) {
    total += 1 / (i + 1) ** 0.7;
    cumulative.push(total);
  }
  const nowMonth = monthNumber(options.now.slice(0, 7));
  return Array.from({ length: options.contracts }, (_, index) => {
    const x = r.rnd() * total;
    // Every municipality gets a contract first, then by weight.
    const buyer = index < m ? index : cumulative.findIndex((c) => c >= x);
    const supplier = r.pick(suppliersOf[buyer]!);
    const startMonth = nowMonth - r.int(1, 42);
    const duration = r.int(12, 48);
    const start = `${monthText(startMonth)}-01`;
    const end = lastDayOf({ from: monthText(startMonth), to: monthText(startMonth + duration - 1) });
    const labels = labelsOf(start, end, r.chance(0.6), options.now);
    const blocks = r.shuffle(blockIds).slice(0, r.int(1, 4));
    // A few contracts report nothing although due; the rest in varying amounts.
    const weight = labels.length === 0 || r.chance(0.04) ? 0 : (0.2 + r.rnd()) ** 2 * labels.length;
    return { index, buyer, supplier, start, end, labels, blocks, weight };
  });
}

/** `total` split over the weights, exactly (largest remainders). */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  return counts;
}

const DAY = 86_400_000;
const laterOf = (a: string, b: string) => (a > b ? a : b);
const earlierOf = (a: string, b: string) => (a < b ? a : b);

/** A contract's registration, as an officer of its buyer would enter it. */
function contractInput(shape: Shape, parties: Parties, catalogue: Catalogue, r: Rnd): RegisterInput {
  const type = r.pick(["works", "works", "services", "services", "services", "supplies"] as const);
  const euros = Math.round(Math.exp(Math.log(50_000) + r.rnd() * Math.log(8_000_000 / 50_000)));
  const employment = shape.blocks.find(
    (id) => catalogue.blocks.find((b) => b.id === id)?.kind === "employment",
  );
  return {
    reference: `SR-${pad(shape.index, 5)}`,
    title: `${r.pick(TRADES)}werkzaamheden perceel ${shape.index + 1}`,
    supplierId: parties.supplierIds[shape.supplier]!,
    type,
    value: { amount: euros, currency: "EUR" },
    labourShare: Math.round((0.2 + r.rnd() * 0.5) * 100) / 100,
    startDate: shape.start,
    endDate: shape.end,
    ...(employment && r.chance(0.5)
      ? { commitment: { lines: [{ blockId: employment, fte: 1, months: 12 }] } }
      : {}),
  };
}

/**
 * One entry's input for its period: a person in a person block (the same candidate every period, so
 * months accumulate), hours, or an invoice. Dates are the period's, within the contract.
 */
export function entryInput(
  contract: Contract,
  kind: string,
  blockId: string,
  label: string,
  slot: number,
  r: Rnd,
): EntryInput {
  const range = monthsOfLabel(label);
  const startDate = laterOf(`${range.from}-01`, contract.startDate);
  const endDate = earlierOf(lastDayOf(range), contract.endDate);
  const evidence = r.chance(0.85) ? [`${label} dossier ${contract.reference}/${blockId}/${slot}`] : [];
  const base = { blockId, period: label, evidence };
  if (kind === "employment")
    return {
      ...base,
      candidateRef: `${contract.reference}-${blockId}-${slot}`,
      startDate,
      endDate,
      fte: r.pick([0.5, 0.6, 0.8, 1]),
    };
  if (kind === "placement" || kind === "apprenticeship")
    return { ...base, candidateRef: `${contract.reference}-${blockId}-${slot}`, startDate, endDate };
  if (kind === "hours") return { ...base, startDate, endDate, hours: r.int(8, 400) };
  if (kind === "fixed") return { ...base, startDate, endDate, units: r.int(1, 20) };
  return {
    ...base,
    invoice: {
      invoiceNumber: `F-${contract.reference}-${label}-${slot}`,
      date: endDate,
      amount: { amount: r.int(500, 50_000), currency: "EUR" },
      vendorKvk: vendorKvk(r.pick([0, 1, 2])),
    },
  };
}

/**
 * A contract's entries, each valued by prepareEntry with the months its candidate had counted before
 * (as the claims give them), then given a status by its age at `now`: most older entries reviewed (a few
 * left overdue), recent ones mostly awaiting review.
 */
async function contractEntries(
  contract: Contract,
  shape: Shape,
  count: number,
  parties: Parties,
  catalogue: Catalogue,
  memo: CatalogueMemo,
  options: SyntheticRegionOptions,
  r: Rnd,
): Promise<{ entries: Entry[]; items: Item[] }> {
  const entries: Entry[] = [];
  const items: Item[] = [];
  const now = Date.parse(options.now);
  const supplier: Actor = {
    sub: `synthetic-supplier-${shape.supplier}`,
    role: "supplier",
    orgId: contract.supplierId,
    regionId: null,
  };
  const reviewers: Actor[] = [
    { sub: "synthetic-auditor", role: "auditor", orgId: parties.regionBodyId, regionId: parties.regionId },
    {
      sub: `synthetic-officer-${shape.buyer}`,
      role: "officer",
      orgId: contract.buyerId,
      regionId: parties.regionId,
    },
  ];
  const kinds = new Map(catalogue.blocks.map((b) => [b.id, b.kind]));
  const counted = new Map<string, bigint>();
  const periods = shape.labels.length;
  let first = 0;
  for (let i = 0; i < count; i++) {
    const p = Math.floor((i * periods) / count);
    if (i > 0 && p !== Math.floor(((i - 1) * periods) / count)) first = i;
    const label = shape.labels[p]!;
    const slot = i - first;
    const blockId = shape.blocks[slot % shape.blocks.length]!;
    const candidateSlot = Math.floor(slot / shape.blocks.length);
    const input = entryInput(contract, kinds.get(blockId)!, blockId, label, candidateSlot, r);
    const periodEnd = Date.parse(`${lastDayOf(monthsOfLabel(label))}T00:00:00Z`);
    const submittedAt = Math.min(periodEnd + r.int(2, 25) * DAY + r.int(8, 17) * 3_600_000, now - 3_600_000);
    const age = now - submittedAt;
    const x = r.rnd();
    const status: Entry["status"] =
      age > contract.policy.reviewDays * DAY
        ? x < 0.012
          ? "submitted"
          : x < 0.9
            ? "accepted"
            : "rejected"
        : x < 0.7
          ? "submitted"
          : x < 0.95
            ? "accepted"
            : "rejected";
    const op = operation(supplier, new Date(submittedAt), `synthetic:${contract.id}:entry:${i}`);
    const ref = input.candidateRef ? `${blockId}#${input.candidateRef}` : undefined;
    const before = ref ? (counted.get(ref) ?? 0n) : 0n;
    const { entry: prepared, months } = await prepareEntry(
      op,
      contract,
      input,
      entryIdFor(op, 0),
      "",
      ticksToMonths(before),
      memo,
    );
    // A rejected entry releases its claim: its months do not count before the next one.
    if (ref && months && status !== "rejected") counted.set(ref, before + monthsToTicks(months));
    const reviewer = r.pick(reviewers);
    const reviewedAt = Math.min(submittedAt + r.int(1, 20) * DAY, now - 60_000);
    const entry: Entry = {
      ...prepared,
      status,
      review:
        status === "submitted"
          ? null
          : {
              decision: status === "accepted" ? "accept" : "reject",
              reason: status === "accepted" ? "evidence checked" : "evidence does not show the activity",
              at: new Date(reviewedAt).toISOString(),
              by: reviewer.sub,
              role: reviewer.role,
              orgId: reviewer.orgId,
            },
      totals: "applied",
    };
    entries.push(entry);
    items.push({
      ...entryKey(contract.id, entry.id),
      ...entryIndexKeys(entry),
      ...(status === "submitted" ? reviewQueueIndexKeys(contract, entry) : {}),
      lastOpId: op.opId,
      ...(status === "submitted" ? {} : { reviewOpId: `${op.opId}:review` }),
      ...entry,
    });
  }
  return { entries, items };
}

/** How many contracts are planned together (their reads in parallel) before their entries are made. */
const CONTRACT_CHUNK = 100;
/** Items gathered before a batched write; one write is in flight while the next items are made. */
const FLUSH_ITEMS = 2_000;

/**
 * Generates the region into the table the store client points at, and writes its completion marker last.
 * `progress` gets a line now and then (the CLI prints it on stderr).
 */
export async function generateSyntheticRegion(
  options: SyntheticRegionOptions,
  progress: (line: string) => void = () => {},
): Promise<SyntheticRegion> {
  const began = performance.now();
  const at = new Date(Date.parse(options.now) - 4 * 365 * DAY);
  const parties = await writeOrganisations(options, at);
  const catalogues = await writeRules(options, at);
  const blockIds = catalogues[0]!.blocks.filter((b) => b.kind !== "bonus").map((b) => b.id);
  const all = shapes(options, blockIds);
  const entryCounts = apportion(
    all.map((s) => s.weight),
    options.entries,
  );
  const counts: SyntheticRegionCounts = {
    organisations: 1 + parties.municipalityIds.length + parties.supplierIds.length + VENDORS.length,
    contracts: 0,
    entries: 0,
    byStatus: { submitted: 0, accepted: 0, rejected: 0 },
    withoutEvidence: 0,
    monthRows: 0,
    blockRows: 0,
    totalsRows: 0,
    personMarkers: 0,
    items: 0,
  };
  const memo: CatalogueMemo = new Map();
  let buffer: Item[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    const batch = buffer;
    buffer = [];
    counts.items += batch.length;
    writing = batchPutItems(batch);
  };
  let lastLine = 0;
  for (let c = 0; c < all.length; c += CONTRACT_CHUNK) {
    const chunk = all.slice(c, c + CONTRACT_CHUNK);
    const plans = await inParallel(
      chunk,
      async (shape) => {
        const r = syntheticRandom(options.seed * 7919 + shape.index + 1);
        const buyerId = parties.municipalityIds[shape.buyer]!;
        const officer: Actor = {
          sub: `synthetic-officer-${shape.buyer}`,
          role: "officer",
          orgId: buyerId,
          regionId: options.regionId,
        };
        const awarded = new Date(Date.parse(`${shape.start}T09:00:00Z`) - 30 * DAY);
        const op = operation(officer, awarded, `synthetic:${options.regionId}:contract:${shape.index}`);
        const input = contractInput(shape, parties, catalogues[0]!, r);
        return { op, plan: await planNewContract(op, registration(op, input)), r };
      },
      16,
    );
    for (const [i, { op, plan, r }] of plans.entries()) {
      const shape = chunk[i]!;
      const { contract } = plan;
      buffer.push(contractDocumentItem(op, contract), ...contractVersionItems(contract, plan));
      const { entries, items } = await contractEntries(
        contract,
        shape,
        entryCounts[shape.index]!,
        parties,
        catalogues[0]!,
        memo,
        options,
        r,
      );
      const totals = totalsItems(contract.id, entries, options.now);
      buffer.push(...items, ...totals);
      counts.contracts++;
      counts.entries += entries.length;
      for (const e of entries) {
        counts.byStatus[e.status]++;
        if (!e.evidence.length) counts.withoutEvidence++;
      }
      for (const item of totals) {
        if (item.sk === "TOTALS") counts.totalsRows++;
        else if (item.sk.startsWith("TOTALS#BLOCK#")) counts.blockRows++;
        else if (item.sk.startsWith("PERIOD#")) counts.monthRows++;
        else counts.personMarkers++;
      }
      if (buffer.length >= FLUSH_ITEMS) await flush();
    }
    const seconds = (performance.now() - began) / 1000;
    if (seconds - lastLine >= 5 || c + CONTRACT_CHUNK >= all.length) {
      lastLine = seconds;
      progress(
        `contracts ${counts.contracts}/${all.length}, entries ${counts.entries}/${options.entries}, items ${counts.items + buffer.length}, ${seconds.toFixed(0)} s`,
      );
    }
  }
  await flush();
  await writing;
  const region: SyntheticRegion = {
    options,
    regionId: parties.regionId,
    regionBodyId: parties.regionBodyId,
    municipalityIds: parties.municipalityIds,
    supplierIds: parties.supplierIds,
    counts,
    seconds: Math.round((performance.now() - began) / 100) / 10,
  };
  await putIfAbsent({
    ...completionKey(options.regionId),
    at: options.now,
    generator: GENERATOR_VERSION,
    region,
  });
  return region;
}
