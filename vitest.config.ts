import { defineConfig } from "vitest/config";

/**
 * Four layers, each its own vitest project: `npm run test:unit` (pure rules, no database, seconds) for
 * the inner loop; `test:integration` (real handlers on dynalite), `test:e2e` (local HTTP server, npm
 * start) and `test:infra` (CDK template, bundles); `npm test` runs them all.
 *
 * The root global setup (temp folder, fast-check seed) runs once per run; only the layers that talk
 * to DynamoDB start a dynalite and give each test file its own table.
 */
const timeouts = { testTimeout: 20_000, hookTimeout: 30_000 };
const withDynalite = {
  globalSetup: ["test/support/dynalite-setup.ts"],
  setupFiles: ["test/support/setup-env.ts", "test/support/fast-check-seed.ts"],
};

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    coverage: {
      provider: "v8",
      include: ["lib/**/*.{ts,tsx}", "functions/**/*.ts"],
      reporter: ["text-summary", "text"],
      thresholds: {
        lines: 80,
        "lib/domain/**": { lines: 90, branches: 90 },
      },
    },
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles: ["test/support/setup-unit.ts", "test/support/fast-check-seed.ts"],
          ...timeouts,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          ...withDynalite,
          ...timeouts,
        },
      },
      { test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], ...withDynalite, ...timeouts } },
      { test: { name: "infra", include: ["test/infra/**/*.test.ts"], ...withDynalite, ...timeouts } },
      {
        // The console in headless Chromium (playwright-core): each file starts the local server and a browser.
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          ...withDynalite,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
