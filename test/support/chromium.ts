import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describeWithTool } from "./required-tool.js";

/**
 * Pages rendered by a real browser: Debian's `chromium`, headless. Where it is missing, a suite of
 * such checks is skipped with a message saying how to install it, unless CI=true: there it fails,
 * so a CI run never passes without having rendered the pages (`.ci/run` installs it).
 */
const CHROMIUM = process.env.CHROMIUM ?? "chromium";
export const CHROMIUM_INSTALL_HINT =
  "apt-get install chromium (Debian), or set CHROMIUM to a Chromium binary";

const found = spawnSync(CHROMIUM, ["--version"], { stdio: "ignore" });
export const chromiumMissing =
  (found.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT" || found.status !== 0;

/** `describe`, when chromium is installed; else a skipped suite (or, with CI=true, a failing test). */
export const describeWithChromium = (name: string, body: () => void): void =>
  describeWithTool(
    name,
    chromiumMissing
      ? `${CHROMIUM} not found: rendering pages needs Chromium (${CHROMIUM_INSTALL_HINT})`
      : undefined,
    "chromium",
    body,
  );

export interface RenderedPage {
  /** The DOM once the page's scripts ran (`--dump-dom`). */
  dom: string;
  /** What the page wrote to its console, CSP violations included: one message per entry. */
  console: string[];
}

const run = promisify(execFile);

/**
 * Loads the URL in headless Chromium with a fresh profile, lets it run for `budgetMs` of virtual time
 * (timers and network settle without waiting in real time), and returns the DOM and console messages.
 */
export async function renderPage(url: string, budgetMs = 15_000): Promise<RenderedPage> {
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  try {
    const { stdout, stderr } = await run(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        `--user-data-dir=${profile}`,
        "--enable-logging=stderr",
        "--v=0",
        `--virtual-time-budget=${budgetMs}`,
        "--dump-dom",
        url,
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: 90_000 },
    );
    const console = [...stderr.matchAll(/:INFO:CONSOLE[^\]]*\] "([\s\S]*?)", source: /g)].map((m) => m[1]!);
    return { dom: stdout, console };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
