/**
 * What every benchmark suite shares: timing repeated runs, budgets with their margins, and a text
 * table. A suite (bench/engine.ts, bench/api.ts; bench/upload.ts and bench/bundles.ts through
 * bench/figures.ts) returns a SuiteResult; bench/run.ts runs them all and writes bench/results.json.
 */

/**
 * Wall-clock and CPU time of repeated runs. The CPU time is the process's (every thread, GC included):
 * on a busy machine, or under `nice`, the wall clock counts the time other processes ran too; the CPU
 * time only grows with the contention for caches and cores, so budgets are checked on it.
 */
export interface Timing {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  cpuMedianMs: number;
  cpuMinMs: number;
  cpuMaxMs: number;
}

/** A limit a figure must stay within; `margin` is what is left (negative when missed). */
export interface Budget {
  name: string;
  unit: "ms" | "KB" | "MB" | "exponent";
  limit: number;
  measured: number;
  met: boolean;
  margin: number;
  /** The same figure for the least the measured work could do, from the same run (bench/api-floors.ts). */
  floor?: { what: string; measured: number };
}

export interface SuiteResult {
  suite: string;
  /** One row per measurement, flat, so it prints as a table and reads as JSON. */
  rows: Record<string, string | number | boolean | null>[];
  budgets: Budget[];
  notes: string[];
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** Median, fastest and slowest of some measurements. */
function spread(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times: wall-clock and CPU time of each run. */
export function time(fn: () => unknown, runs: number, warmup = 1): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return timingOf(wall, cpu);
}

/**
 * The items starting at the `round`th: work measured in rounds starts each round one later, so no item
 * always follows the same one (and the garbage or the cache it leaves behind).
 */
export const rotated = <T>(items: readonly T[], round: number): T[] => {
  const at = round % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
};

/** Median, fastest and slowest of the runs' wall-clock and CPU times. */
function timingOf(wall: number[], cpu: number[]): Timing {
  const w = spread(wall);
  const c = spread(cpu);
  return {
    runs: wall.length,
    medianMs: w.median,
    minMs: w.min,
    maxMs: w.max,
    cpuMedianMs: c.median,
    cpuMinMs: c.min,
    cpuMaxMs: c.max,
  };
}

/** As `time`, for work that awaits (a database, a stream): each run awaited before the next starts. */
export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<Timing> {
  const [timing] = await timeSideBySide([fn], runs, warmup);
  return timing;
}

/**
 * As `timeAsync`, for work compared with other work (a figure and its floor): the runs alternate, one of
 * each in turn and each turn starting one later, so a slow moment of the machine, or a collection of
 * the garbage one left behind, falls on each alike. A Timing per function, in their order.
 */
export async function timeSideBySide<const F extends readonly (() => Promise<unknown>)[]>(
  fns: F,
  runs: number,
  warmup = 1,
): Promise<{ [K in keyof F]: Timing }> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const wall: number[][] = fns.map(() => []);
  const cpu: number[][] = fns.map(() => []);
  for (let run = 0; run < runs; run++)
    for (const at of rotated([...fns.keys()], run)) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await fns[at]!();
      wall[at]!.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu[at]!.push((used.user + used.system) / 1000);
    }
  return fns.map((_, i) => timingOf(wall[i]!, cpu[i]!)) as { [K in keyof F]: Timing };
}

/** How fast a figure grows with the input: t ∝ n^k between two sizes gives k. */
export const growthExponent = (n1: number, t1: number, n2: number, t2: number): number =>
  round(Math.log(t2 / t1) / Math.log(n2 / n1));

export function budget(
  name: string,
  measured: number,
  limit: number,
  unit: Budget["unit"],
  floor?: Budget["floor"],
): Budget {
  return {
    name,
    unit,
    limit,
    measured,
    met: measured <= limit,
    margin: round(limit - measured),
    ...(floor && { floor }),
  };
}

/** A floor above the limit: the budget cannot be met by the measured work, only by not doing it. */
export const belowFloor = (b: Budget): boolean => b.floor !== undefined && b.floor.measured > b.limit;

/** A plain text table of rows; the columns are every row's keys, in the order they first appear. */
export function table(rows: SuiteResult["rows"]): string {
  if (rows.length === 0) return "";
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ");
  return [
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join("\n");
}

/** The budgets as lines: met or missed, and by how much. */
export function budgetLines(budgets: readonly Budget[]): string {
  return budgets
    .map((b) => {
      const unit = b.unit === "exponent" ? "" : ` ${b.unit}`;
      const share = b.limit === 0 ? "" : ` (${Math.round((b.margin / b.limit) * 100)} %)`;
      const floor = b.floor
        ? `; floor (${b.floor.what}) ${b.floor.measured}${unit}${belowFloor(b) ? ", already over the limit" : ""}`
        : "";
      return `${b.met ? "met   " : "MISSED"}  ${b.name}: ${b.measured}${unit} of ${b.limit}${unit}, margin ${b.margin}${unit}${share}${floor}`;
    })
    .join("\n");
}

/** A suite's report as text: the table, the budgets, the notes. */
export function report(result: SuiteResult): string {
  return [
    `== ${result.suite}`,
    table(result.rows),
    ...(result.budgets.length > 0 ? ["", budgetLines(result.budgets)] : []),
    ...(result.notes.length > 0 ? ["", ...result.notes.map((n) => `note: ${n}`)] : []),
  ].join("\n");
}
