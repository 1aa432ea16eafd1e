/**
 * npm run bench: runs every benchmark suite, prints each one's table and budgets, and writes the
 * figures to bench/results.json (not committed). Exits 1 when a budget is missed. A new suite (API
 * latency, bundle sizes, CSV upload) is a module returning a SuiteResult, added to SUITES.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { runEngineSuite } from "./engine.js";
import { report, type SuiteResult } from "./suite.js";

const SUITES: { name: string; run: () => SuiteResult | Promise<SuiteResult> }[] = [
  { name: "engine", run: () => runEngineSuite() },
];

const RESULTS = fileURLToPath(new URL("./results.json", import.meta.url));

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: SuiteResult[] = [];
  for (const suite of SUITES) {
    if (only.length > 0 && !only.includes(suite.name)) continue;
    const result = await suite.run();
    console.log(`${report(result)}\n`);
    results.push(result);
  }
  const budgets = results.flatMap((r) => r.budgets);
  const missed = budgets.filter((b) => !b.met);
  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? null,
        // A busy machine (load above the cores) slows every figure: read them with it.
        loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
        suites: results,
        budgetsMissed: missed.map((b) => b.name),
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `${budgets.length - missed.length} of ${budgets.length} budgets met; figures in ${RESULTS}` +
      (missed.length > 0 ? `\nmissed: ${missed.map((b) => b.name).join("; ")}` : ""),
  );
  if (missed.length > 0) process.exitCode = 1;
}

await main();
