import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_FILE, copyAssets, esbuildOptions, REPORT_FONTS, WORKER_ENTRY } from "../../infra/bundling.js";
import { PROJECT_ROOT } from "../../infra/constructs/area-function.js";

/**
 * The job worker bundled as CDK bundles it (code, then the report fonts beside it), imported in a
 * fresh Node process with a Lambda-like environment and no credentials: it answers an SQS event (an
 * unreadable message is acknowledged).
 */
const outdir = mkdtempSync(join(tmpdir(), "impact-worker-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const CHILD = `
const mod = await import(process.argv[1]);
const event = { Records: [{ messageId: "m-1", body: "not json", attributes: { ApproximateReceiveCount: "1" } }] };
console.log(JSON.stringify(await mod.handler(event)));
`;

describe("job worker bundle", () => {
  it("imports under Node and answers an SQS event with a partial batch response", async () => {
    await build(esbuildOptions(join(PROJECT_ROOT, WORKER_ENTRY), outdir));
    copyAssets([REPORT_FONTS], outdir);
    // The PDF renderer reads them from fonts/ beside index.mjs (test/infra/report-fonts-bundle.test.ts).
    expect(existsSync(join(outdir, "fonts", "noto-sans-latin-400-normal.woff"))).toBe(true);
    expect(existsSync(join(outdir, "fonts", "OFL.txt"))).toBe(true);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "-e", CHILD, pathToFileURL(join(outdir, BUNDLE_FILE)).href],
      {
        cwd: outdir,
        timeout: 20_000,
        env: {
          PATH: process.env.PATH ?? "",
          AWS_REGION: "eu-west-1",
          TABLE_NAME: "impact-procurement-bundle-test",
          AWS_ACCESS_KEY_ID: "",
          AWS_SECRET_ACCESS_KEY: "",
          AWS_EC2_METADATA_DISABLED: "true",
        },
      },
    );
    const lines = stdout.trim().split("\n");
    expect(JSON.parse(lines[lines.length - 1]!)).toEqual({ batchItemFailures: [] });
  }, 60_000);
});
