import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { killStarted, startNpm, stopNpm, userEnv } from "../support/npm-start.js";
import { commandsOf, walkthroughCommands, walkthroughScript } from "../support/walkthrough.js";

/**
 * The README's walk-through cannot drift from the API: its ```sh walkthrough blocks run in order,
 * with bash, against a fresh `npm start -- --in-memory`; every command must exit 0 and every curl
 * call get the status the README states (`# → 401`), or a 2xx where it states none.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const work = mkdtempSync(join(tmpdir(), "impact-walkthrough-"));
afterAll(() => {
  killStarted();
  rmSync(work, { recursive: true, force: true });
});

describe("the README walk-through", () => {
  const commands = walkthroughCommands(README);

  it("is marked in the local sections only (deployment commands stay out)", () => {
    expect(commands.length).toBeGreaterThan(20);
    const deploying = README.split("\n").findIndex((l) => l.startsWith("## Deploying to AWS")) + 1;
    expect(deploying).toBeGreaterThan(0);
    for (const c of commands) {
      expect(c.line, c.text).toBeLessThan(deploying);
      expect(c.text).not.toMatch(/\b(cdk|aws)\s/);
    }
    // The calls a newcomer tripped over are part of it.
    const all = commands.map((c) => c.text).join("\n");
    expect(all).toContain("/v1/tenders?reference=ZW-DEMO-2026-001");
    expect(all).toContain("$API/v1/contracts/$CONTRACT/entries");
    expect(all).toContain("/v1/entries?status=submitted");
  });

  it("reads commands as bash does: continued lines, multi-line quotes, comments, expected statuses", () => {
    const parsed = commandsOf([
      "X=1   # it's a comment, with an apostrophe",
      "curl -s $API/v1/me     # → 401 problem+json",
      "curl -s -X POST $API/v1/regions -H 'content-type: application/json' \\",
      `  -d '{ "name": "a # not a comment",`,
      `        "id": "r-1" }'`,
      "# → 201 { id, … }",
      'curl -s "$API/v1/health"',
      "# a remark, no status",
    ]);
    expect(parsed.map((c) => [c.line, c.expect])).toEqual([
      [1, undefined],
      [2, "401"],
      [3, "201"],
      [7, "2xx"],
    ]);
    expect(parsed[2]!.text.split("\n")).toHaveLength(3);
  });

  it("runs in order against npm start -- --in-memory: every command exits 0, every status as stated", async () => {
    const started = await startNpm(work, ["--in-memory"], 60_000);
    const log = join(work, "statuses.log");
    const script = join(work, "walkthrough.sh");
    writeFileSync(log, "");
    writeFileSync(script, walkthroughScript(commands, log, join(work, "body")));
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("bash", [script], {
        cwd: ROOT,
        env: { ...userEnv(work, 0), API: started.url },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    await stopNpm(started);
    expect(result.code, `${result.stderr}\n--- output ---\n${result.stdout.slice(-3000)}`).toBe(0);
    // Each curl command made exactly one call, checked by the wrapper, in the README's order.
    const calls = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => Number(l.split(" ")[0]));
    expect(calls).toEqual(commands.filter((c) => c.expect).map((c) => c.line));
  }, 240_000);
});
