#!/usr/bin/env node
/**
 * Runs every test case alone: a fresh worker, a fresh table and nothing else from its file, one case
 * at a time. A case that passes in its file but fails here leans on state another case left behind.
 *
 *   npm run test:each                                   # unit and integration
 *   TEST_EACH_PROJECTS=e2e npm run test:each            # other layers (comma-separated)
 *   npm run test:each -- test/integration/tenders       # only files matching these filters
 *
 * One vitest instance collects the cases, then runs each by its id (the global setup, dynalite
 * included, starts once). Ends with "N alone: N passed, N failed" and the failures with their first
 * error; exits 1 on any failure.
 */
import { createVitest } from "vitest/node";

const projects = (process.env.TEST_EACH_PROJECTS ?? "unit,integration").split(",").filter(Boolean);
const filters = process.argv.slice(2);
const quiet = {}; // a reporter that reports nothing: this script prints its own lines

const vitest = await createVitest("test", { watch: false, project: projects, reporters: [quiet] });
const failures = [];
let passed = 0;
try {
  const { testModules, unhandledErrors } = await vitest.collect(filters);
  if (unhandledErrors.length > 0) throw unhandledErrors[0];
  const cases = testModules.flatMap((module) =>
    [...module.children.allTests()]
      .filter((test) => test.options.mode === "run")
      .map((test) => ({ module, id: test.id, name: test.fullName })),
  );
  // Layer by layer, in the order asked for (the fast unit cases first).
  cases.sort((a, b) => projects.indexOf(a.module.project.name) - projects.indexOf(b.module.project.name));
  console.log(`${cases.length} test cases in ${testModules.length} files (${projects.join(", ")})`);
  for (const [index, { module, id, name }] of cases.entries()) {
    const label = `${module.project.name} ${module.relativeModuleId} > ${name}`;
    const spec = module.project.createSpecification(module.moduleId, { testIds: [id] });
    const started = Date.now();
    const result = await vitest.runTestSpecifications([spec]);
    const errors = result.unhandledErrors;
    // The answer lists every module the instance has run so far: keep this file's.
    const ran = result.testModules.filter(
      (m) => m.moduleId === module.moduleId && m.project === module.project,
    );
    const others = ran
      .flatMap((m) => [...m.children.allTests()])
      .filter((t) => t.id !== id && t.result().state === "passed");
    if (others.length > 0) console.log(`  (also ran: ${others.map((t) => t.fullName).join("; ")})`);
    const test = ran.flatMap((m) => [...m.children.allTests()]).find((t) => t.id === id);
    const state = test?.result().state ?? "not run";
    const error = test?.result().errors?.[0] ?? ran[0]?.errors()[0] ?? errors[0];
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (state === "passed" && errors.length === 0) {
      passed++;
      console.log(`[${index + 1}/${cases.length}] ok   ${label} (${seconds} s)`);
    } else {
      failures.push({ label, state, message: String(error?.message ?? error ?? state).split("\n")[0] });
      console.log(`[${index + 1}/${cases.length}] FAIL ${label} (${state}, ${seconds} s)`);
    }
  }
} finally {
  await vitest.close();
}

console.log(`\n${passed + failures.length} alone: ${passed} passed, ${failures.length} failed`);
for (const { label, message } of failures) console.log(`  ${label}\n    ${message}`);
process.exit(failures.length > 0 ? 1 : 0);
