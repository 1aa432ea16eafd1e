import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_FILE, CHUNK_DIR, esbuildOptions } from "../../infra/bundling.js";
import { PROJECT_ROOT } from "../../infra/constructs/area-function.js";
import { renderReportPdf } from "../../lib/reports/pdf.js";
import { reportFiguresFixture } from "../fixtures/report-figures.js";

const run = promisify(execFile);

/**
 * The report renderer bundled as the functions are (infra/bundling.ts), then run in a fresh Node
 * process away from the repository: it finds its fonts in `fonts/` beside the bundle, whether the
 * renderer is in index.mjs or in a chunk, and renders the same bytes as from the sources.
 */
const outdir = mkdtempSync(join(tmpdir(), "impact-report-bundle-"));
const pdfModule = join(PROJECT_ROOT, "lib", "reports", "pdf.ts");
const report = {
  figures: reportFiguresFixture({ contracts: 8 }),
  number: "ACHTERHOEK-2026-0001",
  issuedAt: "2026-07-01T10:15:00.000Z",
  language: "nl",
  figuresDigest: "0".repeat(64),
};

const ENTRIES = {
  // the renderer in index.mjs itself
  inline: `import { renderReportPdf } from ${JSON.stringify(pdfModule)};
export const render = (report) => renderReportPdf(report);`,
  // the renderer in a chunk, as a route module imported on demand
  chunked: `export const render = async (report) => (await import(${JSON.stringify(pdfModule)})).renderReportPdf(report);`,
};

const CHILD = `
const { createHash } = await import("node:crypto");
const mod = await import(process.argv[1]);
try {
  const pdf = await mod.render(JSON.parse(process.argv[2]));
  console.log(JSON.stringify({ sha: createHash("sha256").update(pdf).digest("hex") }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error.message) }));
}
`;

async function renderIn(dir: string): Promise<{ sha?: string; error?: string }> {
  const { stdout } = await run(
    process.execPath,
    ["--input-type=module", "-e", CHILD, pathToFileURL(join(dir, BUNDLE_FILE)).href, JSON.stringify(report)],
    { cwd: dir, env: { PATH: process.env.PATH ?? "" }, timeout: 30_000 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

beforeAll(async () => {
  for (const [name, source] of Object.entries(ENTRIES)) {
    const entry = join(outdir, `${name}.mjs`);
    writeFileSync(entry, source);
    await build(esbuildOptions(entry, join(outdir, name)));
  }
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("report renderer in a function bundle", () => {
  it.each(Object.keys(ENTRIES))(
    "%s: finds fonts/ beside the bundle and renders the same bytes as the sources",
    async (name) => {
      const dir = join(outdir, name);
      const fromSources = createHash("sha256")
        .update(await renderReportPdf(report as Parameters<typeof renderReportPdf>[0]))
        .digest("hex");
      const missing = await renderIn(dir);
      expect(missing.error).toMatch(/report fonts not found.*copy lib\/reports\/fonts\//);
      mkdirSync(join(dir, "fonts"));
      cpSync(join(PROJECT_ROOT, "lib", "reports", "fonts"), join(dir, "fonts"), { recursive: true });
      expect(await renderIn(dir)).toEqual({ sha: fromSources });
    },
  );

  it("the chunked build puts the renderer in a chunk (so the second font path is exercised)", () => {
    const chunks = readdirSync(join(outdir, "chunked", CHUNK_DIR)).filter((f) => f.endsWith(".mjs"));
    const withFonts = chunks.filter((f) =>
      readFileSync(join(outdir, "chunked", CHUNK_DIR, f), "utf8").includes("report fonts not found"),
    );
    expect(withFonts).toHaveLength(1);
  });
});
