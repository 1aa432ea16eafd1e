/**
 * The scoring engine's golden cases: seeded, deterministic inputs covering every award method, price
 * formula, correction, social-return mode, tie-breaker, non-compliant bids and abnormally low prices,
 * with the outputs of the engine that wrote them (test/fixtures/scoring-golden.json). The unit test
 * test/unit/scoring/golden.test.ts scores each stored input again and compares.
 *
 * The file is written once, by the engine whose results it freezes:
 *   npx tsx test/support/scoring-golden.ts --write
 * Rewrite it only when a rule deliberately changes (and bump ENGINE_VERSION); a faster engine must
 * reproduce it as it is. The reference tables are stored in the file, so a later table version does
 * not change the expected figures.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { InvalidInput, RuleViolation } from "../../lib/domain/errors.js";
import { ENGINE_VERSION, type ReferenceTables, scoreBids } from "../../lib/domain/scoring/engine.js";
import type {
  AwardModel,
  Bid,
  Criterion,
  Method,
  OfferLine,
  PriceFormula,
  ScoringInput,
  ScoringResult,
  TieBreaker,
} from "../../lib/domain/scoring/types.js";
import {
  referenceCertificateTables,
  referenceCo2Prices,
  referenceFactorSets,
} from "../../lib/seed/reference-tables.js";
import { referenceCatalogues } from "../../lib/sroi/reference-data.js";
import { randomTools, seededRandom } from "./seeded-random.js";

export const GOLDEN_PATH = fileURLToPath(new URL("../fixtures/scoring-golden.json", import.meta.url));

export interface GoldenCase {
  name: string;
  input: ScoringInput;
  /** The result, or the refusal the engine threw. */
  output?: ScoringResult;
  error?: { type: "InvalidInput" | "RuleViolation"; code: string; message: string; errors: unknown[] };
}

export interface GoldenFile {
  about: string;
  engineVersion: string;
  tables: ReferenceTables;
  cases: GoldenCase[];
}

const CASES = 200;
const eur = (cents: number) => ({ amount: cents / 100, currency: "EUR" as const });

const METHOD_PLAN: { method: Method; formula?: PriceFormula }[] = [
  { method: "weighted-points", formula: "relative-lowest" },
  { method: "weighted-points", formula: "relative-linear" },
  { method: "weighted-points", formula: "absolute-linear" },
  { method: "weighted-points", formula: "log" },
  { method: "award-on-value" },
  { method: "lowest-cost" },
  { method: "lowest-price" },
  { method: "weighted-points", formula: "relative-lowest" },
];

/** How the bids' prices are laid out: spread, cloned for ties, one far below, all equal. */
const SHAPES = ["spread", "ties", "abnormally-low", "equal", "close"] as const;
type Shape = (typeof SHAPES)[number];

const SCALES: Criterion["scale"][] = [
  { min: 0, max: 10 },
  { min: 1, max: 10 },
  { min: -10, max: 10, zeroAt: 0 },
  { min: 0, max: 100 },
  { min: 0, max: 4 },
];

function generateCase(index: number): GoldenCase {
  const rnd = seededRandom(7919 * (index + 1));
  const { int, pick, chance, shuffle } = randomTools(rnd);
  const plan = METHOD_PLAN[index % METHOD_PLAN.length]!;
  const shape: Shape = SHAPES[Math.floor(index / METHOD_PLAN.length) % SHAPES.length]!;
  const method = plan.method;
  const ranksOnPrice = method === "lowest-price" || method === "lowest-cost";

  const criteria: Criterion[] = Array.from({ length: int(0, 3) }, (_, i) => {
    const scale = pick(SCALES);
    const c: Criterion = { id: `q${i + 1}`, name: `Quality ${i + 1}`, scale };
    if (method === "weighted-points") c.maxPoints = pick([0, 5, 10, 15, 20, 30, 12.5]);
    if (method === "award-on-value") c.maxValue = eur(int(1, 40) * 50_000);
    if (chance(0.15))
      c.minimumScore = scale.min + Math.floor((scale.max - scale.min) * pick([0.1, 0.3, 0.5]));
    return c;
  });

  const model: AwardModel = { method };
  if (method === "weighted-points") {
    const formula = plan.formula!;
    model.price = { formula, maxPoints: pick([40, 50, 60, 70, 100, 33.3]) };
    if (formula === "absolute-linear")
      model.price.bounds = { min: eur(int(0, 60) * 100_000), max: eur(int(120, 250) * 100_000) };
    if (formula === "log") model.price.logBase = pick([1.5, 2, 3]);
  }
  if (criteria.length > 0 || chance(0.3)) model.criteria = criteria;

  const corrections: NonNullable<AwardModel["corrections"]> = {};
  if (!ranksOnPrice && chance(0.6)) {
    corrections.certificate = chance(0.7)
      ? { tableId: "co2-ladder-prorail", ...(chance(0.5) ? { version: "as-retrieved-2026" } : {}) }
      : { scheme: "co2-ladder", discountPercentByLevel: { "1": 2, "2": 3.5, "3": 5, "5": 12 } };
  }
  if (method !== "lowest-price") {
    if (chance(0.35)) corrections.mki = { valuationFactor: pick([1, 1.5, 0.25, 2]) };
    if (chance(0.45)) {
      corrections.truePrice = { factorSetId: "true-price-monetisation" };
      if (chance(0.4)) corrections.truePrice.weight = pick([0.5, 1, 1.25]);
      if (chance(0.3))
        corrections.truePrice.categories = pick([["environmental"], ["environmental", "health"]]);
      if (chance(0.4))
        corrections.truePrice.co2Price = { tableId: pick(["ce-delft-2017", "true-price-2025", "eib-2030"]) };
    }
    if (chance(0.2)) corrections.lcc = true;
  }
  if (Object.keys(corrections).length > 0) model.corrections = corrections;

  const catalogue = pick(["oost-nederland", "utrecht"]);
  if (chance(0.5)) {
    const modes =
      method === "weighted-points"
        ? (["points", "minimum"] as const)
        : method === "award-on-value"
          ? (["euro-credit", "minimum"] as const)
          : (["minimum"] as const);
    const mode = pick(modes);
    if (mode === "points")
      model.socialReturn = {
        mode,
        catalogue: { id: catalogue },
        ...(chance(0.5) ? { percentOfPrice: pick([0, 1, 2]) } : {}),
        fullPointsAtPercent: pick([4, 5, 6]),
        maxPoints: pick([5, 10, 20]),
      };
    else if (mode === "minimum")
      model.socialReturn = { mode, catalogue: { id: catalogue }, percentOfPrice: pick([1, 2, 5]) };
    else model.socialReturn = { mode, catalogue: { id: catalogue }, creditFactor: pick([1, 0.5, 2]) };
  }
  if (chance(0.8)) {
    const breakers: TieBreaker[] = ["higher-quality", "lower-price", "earlier-submission"];
    model.tieBreakers = shuffle(breakers).slice(0, int(0, 3));
  }
  if (chance(0.25))
    model.abnormallyLow = {
      ...(chance(0.7) ? { belowMeanPercent: pick([20, 30, 50]) } : {}),
      ...(chance(0.7) ? { belowNextPercent: pick([10, 20, 40]) } : {}),
    };

  const bidCount = pick([1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6, 8, 12]);
  const basePrice = int(50, 500) * 10_000; // EUR 500k–5M in cents … cents below
  const bids: Bid[] = [];
  const offerLine = (): OfferLine => {
    if (catalogue === "oost-nederland") {
      return pick<OfferLine>([
        { blockId: "pwet-gt-2y", fte: pick([0.5, 0.8, 1]), months: int(1, 30) },
        { blockId: "ww-lt-1y", fte: 1, months: int(1, 14) },
        { blockId: "work-experience", months: int(1, 12) },
        { blockId: "bbl-1-2", months: int(1, 24) },
      ]);
    }
    return pick<OfferLine>([
      {
        blockId: "pwet",
        fte: pick([0.5, 1]),
        months: int(1, 24),
        ...(chance(0.4) ? { bonuses: ["bonus-50plus"] } : {}),
      },
      { blockId: "social-activity", hours: int(10, 400) },
      { blockId: "social-purchase", invoice: eur(int(1, 500) * 10_000) },
      { blockId: "bol-2-4", months: int(1, 12) },
    ]);
  };
  const newBid = (i: number): Bid => {
    const priceCents =
      shape === "equal"
        ? basePrice * 100
        : shape === "close"
          ? basePrice * 100 + int(0, 20) * pick([1, 100, 10_000])
          : (basePrice + int(-basePrice / 2, basePrice)) * 100 + (chance(0.5) ? int(0, 99) : 0);
    const bid: Bid = { id: `bid-${String.fromCharCode(97 + ((i * 7) % 26))}${i}`, price: eur(priceCents) };
    if (chance(0.7))
      bid.submittedAt = `2026-0${int(1, 9)}-1${int(0, 9)}T${String(int(0, 23)).padStart(2, "0")}:00:00${pick(["Z", "+02:00"])}`;
    if (model.criteria)
      bid.qualityScores = Object.fromEntries(
        model.criteria.map((c) => {
          const step = c.scale.max - c.scale.min > 10 ? 5 : pick([1, 0.5]);
          const steps = Math.floor((c.scale.max - c.scale.min) / step);
          return [c.id, c.scale.min + int(0, steps) * step];
        }),
      );
    if (chance(0.7)) bid.certificates = { "co2-ladder": int(0, 5) };
    if (corrections.mki || chance(0.05)) bid.mki = eur(int(0, 400) * 1_000 + int(0, 99));
    if (corrections.truePrice || chance(0.05)) {
      bid.externalities = [
        { factorId: "climate", quantity: int(0, 200_000) },
        ...(chance(0.25)
          ? [{ factorId: pick(["pm25", "scarce-water", "child-labour-hazardous"]), quantity: int(0, 900) }]
          : []),
      ];
    }
    if (corrections.lcc || chance(0.05))
      bid.lcc = Array.from({ length: int(0, 2) }, (_, j) => ({
        label: ["maintenance", "energy use", "end of life"][j]!,
        amount: eur(int(0, 50_000) * 100 + int(0, 99)),
      }));
    if (model.socialReturn || chance(0.05))
      bid.socialReturnOffer = Array.from({ length: int(0, 2) }, offerLine);
    return bid;
  };
  for (let i = 0; i < bidCount; i++) {
    if (shape === "ties" && i > 0 && chance(0.6)) {
      // A clone of an earlier bid (same price, scores, corrections), maybe submitted at another time.
      const source = bids[int(0, i - 1)]!;
      const clone: Bid = { ...structuredClone(source), id: `tie-${i}` };
      if (chance(0.5)) {
        if (chance(0.3)) delete clone.submittedAt;
        else clone.submittedAt = `2026-02-0${int(1, 9)}T10:00:00Z`;
      }
      bids.push(clone);
      continue;
    }
    const bid = newBid(i);
    if (shape === "abnormally-low" && i === 0 && bidCount > 1) {
      // Far below the others: a fraction of the base price.
      bid.price = eur(Math.round(basePrice * pick([0.3, 0.45, 0.55, 0.65])) * 100);
    }
    bids.push(bid);
  }
  return {
    name: `${index}: ${method}${plan.formula ? ` ${plan.formula}` : ""}, ${shape}, ${bidCount} bids`,
    input: { awardModel: model, bids },
  };
}

/** Inputs the engine refuses: a corrected price at or below zero under a relative formula, malformed bids. */
function refusals(): GoldenCase[] {
  const relative = (formula: PriceFormula): AwardModel => ({
    method: "weighted-points",
    price: { formula, maxPoints: 50, ...(formula === "log" ? { logBase: 2 } : {}) },
    corrections: { certificate: { scheme: "co2-ladder", discountPercentByLevel: { "5": 100 } } },
  });
  return [
    {
      name: "refused: relative-lowest with a corrected price of zero",
      input: {
        awardModel: relative("relative-lowest"),
        bids: [
          { id: "A", price: eur(100_000), certificates: { "co2-ladder": 5 } },
          { id: "B", price: eur(200_000) },
        ],
      },
    },
    {
      name: "refused: log with a zero price",
      input: {
        awardModel: relative("log"),
        bids: [
          { id: "A", price: eur(0) },
          { id: "B", price: eur(1) },
        ],
      },
    },
    {
      name: "refused: malformed bids (negative price, unknown factor, duplicate id)",
      input: {
        awardModel: {
          method: "lowest-cost",
          corrections: { truePrice: { factorSetId: "true-price-monetisation" } },
        },
        bids: [
          { id: "A", price: eur(-100) },
          { id: "B", price: eur(100), externalities: [{ factorId: "nope", quantity: 1 }] },
          { id: "B", price: eur(100) },
        ],
      },
    },
  ];
}

/** Ties each tie-breaker settles, nested, and one that only a missing submission time leaves open. */
function tieCases(): GoldenCase[] {
  const q = (score: number) => ({ q: score });
  const criterion = (extra: Partial<Criterion>): Criterion => ({
    id: "q",
    name: "Quality",
    scale: { min: 0, max: 10 },
    ...extra,
  });
  const at = (day: number) => `2026-03-0${day}T09:00:00+01:00`;
  return [
    {
      // absolute-linear 0–200,000, 50 points: A 25 + 5 = 30, B 26 + 4 = 30; C equals A but came later.
      name: "ties: higher quality, then lower price, then earlier submission",
      input: {
        awardModel: {
          method: "weighted-points",
          price: { formula: "absolute-linear", maxPoints: 50, bounds: { min: eur(0), max: eur(20_000_000) } },
          criteria: [criterion({ maxPoints: 10 })],
          tieBreakers: ["higher-quality", "lower-price", "earlier-submission"],
        },
        bids: [
          { id: "A", price: eur(10_000_000), qualityScores: q(5), submittedAt: at(1) },
          { id: "B", price: eur(9_600_000), qualityScores: q(4), submittedAt: at(1) },
          { id: "C", price: eur(10_000_000), qualityScores: q(5), submittedAt: at(2) },
          { id: "D", price: eur(15_000_000), qualityScores: q(9), submittedAt: at(3) },
        ],
      },
    },
    {
      // Fictitious prices 95,000 each: A 100,000 − 5,000, B 99,000 − 4,000.
      name: "ties: award on value settled by the lower price",
      input: {
        awardModel: {
          method: "award-on-value",
          criteria: [criterion({ maxValue: eur(1_000_000) })],
          tieBreakers: ["lower-price", "higher-quality"],
        },
        bids: [
          { id: "A", price: eur(10_000_000), qualityScores: q(5) },
          { id: "B", price: eur(9_900_000), qualityScores: q(4) },
          { id: "C", price: eur(12_000_000), qualityScores: q(10) },
        ],
      },
    },
    {
      // X, B and C share the corrected price 101,000; X has no submission time, so earlier-submission
      // is skipped and the raw price decides: X, B, C. Without X, earlier submission puts C before B.
      name: "ties: a missing submission time skips earlier-submission",
      input: {
        awardModel: {
          method: "weighted-points",
          price: { formula: "relative-lowest", maxPoints: 60 },
          criteria: [criterion({ maxPoints: 40 })],
          corrections: { mki: { valuationFactor: 1 } },
          tieBreakers: ["earlier-submission", "lower-price"],
        },
        bids: [
          { id: "X", price: eur(9_900_000), mki: eur(200_000), qualityScores: q(6) },
          { id: "B", price: eur(10_000_000), mki: eur(100_000), qualityScores: q(6), submittedAt: at(2) },
          { id: "C", price: eur(10_100_000), mki: eur(0), qualityScores: q(6), submittedAt: at(1) },
          { id: "L", price: eur(8_000_000), mki: eur(0), qualityScores: q(1), submittedAt: at(3) },
          { id: "H", price: eur(14_000_000), mki: eur(0), qualityScores: q(10), submittedAt: at(4) },
        ],
      },
    },
    {
      name: "ties: lowest price, equal prices drawn by lot",
      input: {
        awardModel: { method: "lowest-price", tieBreakers: ["earlier-submission"] },
        bids: [
          { id: "A", price: eur(5_000_000), submittedAt: at(1) },
          { id: "B", price: eur(5_000_000) },
          { id: "C", price: eur(5_000_000), submittedAt: at(2) },
          { id: "D", price: eur(5_000_100), submittedAt: at(1) },
        ],
      },
    },
    {
      name: "ties: lowest cost settled by earlier submission",
      input: {
        awardModel: {
          method: "lowest-cost",
          corrections: { lcc: true },
          tieBreakers: ["earlier-submission"],
        },
        bids: [
          {
            id: "A",
            price: eur(5_000_000),
            lcc: [{ label: "energy", amount: eur(100_000) }],
            submittedAt: at(2),
          },
          { id: "B", price: eur(5_100_000), submittedAt: at(1) },
        ],
      },
    },
  ];
}

export function goldenInputs(): GoldenCase[] {
  return [...Array.from({ length: CASES }, (_, i) => generateCase(i)), ...tieCases(), ...refusals()];
}

/** The shipped tables with short sources (the sources are repeated on every correction line). */
const shortSource = <T extends { id: string; source: string }>(table: T): T => ({
  ...table,
  source: `golden copy of ${table.id}`,
});

export const goldenTables: ReferenceTables = {
  certificateTables: referenceCertificateTables.map(shortSource),
  // The version the cases were first written with: a later version of the set must not move them.
  factorSets: referenceFactorSets.filter((s) => s.version === "4.0.2").map(shortSource),
  co2Prices: referenceCo2Prices.map(shortSource),
  catalogues: referenceCatalogues
    .filter((c) => c.id === "oost-nederland" || c.id === "utrecht")
    .map(shortSource),
};

/** Scores a case; a refusal is returned as data, so it can be compared too. */
export function runCase(input: ScoringInput, tables: ReferenceTables): Pick<GoldenCase, "output" | "error"> {
  try {
    return { output: scoreBids(input, tables) };
  } catch (error) {
    if (error instanceof InvalidInput)
      return {
        error: { type: "InvalidInput", code: error.code, message: error.message, errors: error.errors },
      };
    if (error instanceof RuleViolation)
      return {
        error: { type: "RuleViolation", code: error.code, message: error.message, errors: error.errors },
      };
    throw error;
  }
}

function write(): void {
  const cases = goldenInputs().map((c) => ({ ...c, ...runCase(c.input, goldenTables) }));
  const head = {
    about:
      "Golden cases of the scoring engine: inputs and the outputs of the engine named here. Written by test/support/scoring-golden.ts; read by test/unit/scoring/golden.test.ts.",
    engineVersion: ENGINE_VERSION,
    tables: goldenTables,
  };
  const text = `${JSON.stringify(head).slice(0, -1)},"cases":[\n${cases.map((c) => JSON.stringify(c)).join(",\n")}\n]}\n`;
  writeFileSync(GOLDEN_PATH, text);
  const refused = cases.filter((c) => c.error).length;
  console.log(`${cases.length} cases (${refused} refused), ${text.length} bytes → ${GOLDEN_PATH}`);
}

if (process.argv.includes("--write")) write();
