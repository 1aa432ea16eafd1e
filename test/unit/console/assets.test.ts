import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  ASSET_PATH,
  assetNamed,
  faviconUrl,
  scriptUrl,
  stylesheetUrl,
} from "../../../lib/console/assets/assets.js";
import {
  buildAssetsInMemory,
  buildConsoleAssets,
  MANIFEST_FILE,
  readBuiltAssets,
  scriptNames,
} from "../../../lib/console/assets/build.js";

const built = buildAssetsInMemory();
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const hashOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("base64url").slice(0, 12);

describe("console assets", () => {
  it("names every file after its content, so a changed file gets a new name", () => {
    expect(built.files.size).toBeGreaterThanOrEqual(3);
    for (const asset of built.files.values()) {
      expect(asset.name).toContain(`.${hashOf(asset.bytes)}.`);
      expect(gunzipSync(asset.gzipped).equals(asset.bytes)).toBe(true);
    }
    expect(built.manifest.stylesheet).toMatch(/^console\.[\w-]{12}\.css$/);
    expect(built.manifest.favicon).toMatch(/^favicon\.[\w-]{12}\.svg$/);
  });

  it("bundles the Utrecht tokens, the Utrecht components and the theme into one minified stylesheet", () => {
    const css = built.files.get(built.manifest.stylesheet)!;
    expect(css.contentType).toBe("text/css; charset=utf-8");
    const text = css.bytes.toString("utf8");
    expect(text).toContain(".utrecht-button");
    expect(text).toContain("--utrecht-");
    expect(text).toContain(".ip-theme");
    // Minified: no comments and far fewer lines than the sources.
    expect(text).not.toContain("/*");
    expect(text.split("\n").length).toBeLessThan(50);
    // Nothing loaded from elsewhere.
    expect(text).not.toMatch(/@import|url\(\s*["']?https?:/);
  });

  it("builds every script in lib/console/scripts as a minified browser module", () => {
    expect(scriptNames()).toContain("error-summary");
    expect(Object.keys(built.manifest.scripts).sort()).toEqual(scriptNames());
    const script = built.files.get(built.manifest.scripts["error-summary"]!)!;
    expect(script.name).toMatch(/^error-summary\.[\w-]{12}\.js$/);
    expect(script.contentType).toBe("text/javascript; charset=utf-8");
    const text = script.bytes.toString("utf8");
    expect(text).toContain('getElementById("error-summary")');
    expect(text).not.toContain("/**");
    expect(text.trim().split("\n")).toHaveLength(1);
  });

  it("serves the favicon as SVG", () => {
    const favicon = built.files.get(built.manifest.favicon)!;
    expect(favicon.contentType).toBe("image/svg+xml");
    expect(favicon.bytes.toString("utf8")).toMatch(/^<svg /);
  });

  it("writes the files, their gzipped twins and a manifest that reads back the same", async () => {
    const dir = mkdtempSync(join(tmpdir(), "console-assets-"));
    dirs.push(dir);
    const manifest = await buildConsoleAssets(dir);
    expect(manifest).toEqual(built.manifest);
    const names = [...built.files.keys()];
    expect(readdirSync(dir).sort()).toEqual([...names, ...names.map((n) => `${n}.gz`), MANIFEST_FILE].sort());
    expect(JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"))).toEqual(manifest);
    const read = readBuiltAssets(dir);
    expect(read.manifest).toEqual(manifest);
    for (const [name, asset] of built.files) {
      const again = read.files.get(name)!;
      expect(again.bytes.equals(asset.bytes)).toBe(true);
      expect(gunzipSync(again.gzipped).equals(asset.bytes)).toBe(true);
      expect(again.contentType).toBe(asset.contentType);
    }
  });

  it("gives pages the URLs of the hashed files and refuses an unknown script", () => {
    expect(stylesheetUrl()).toBe(`${ASSET_PATH}/${built.manifest.stylesheet}`);
    expect(faviconUrl()).toBe(`${ASSET_PATH}/${built.manifest.favicon}`);
    expect(scriptUrl("error-summary")).toBe(`${ASSET_PATH}/${built.manifest.scripts["error-summary"]}`);
    expect(assetNamed(built.manifest.stylesheet)?.bytes.length).toBeGreaterThan(0);
    expect(assetNamed("console.css")).toBeUndefined();
    expect(() => scriptUrl("no-such-script")).toThrow(/no console script "no-such-script"/);
  });

  it("serves a deployed function from the folder the build wrote (CONSOLE_ASSETS_DIR), without building", async () => {
    const dir = mkdtempSync(join(tmpdir(), "console-assets-"));
    dirs.push(dir);
    const manifest = await buildConsoleAssets(dir);
    // Changed on disk after the build: what is served must be the folder's file, not a new build.
    writeFileSync(join(dir, manifest.stylesheet), ".from-the-folder{}");
    writeFileSync(join(dir, `${manifest.stylesheet}.gz`), gzipSync(".from-the-folder{}"));
    const before = process.env.CONSOLE_ASSETS_DIR;
    process.env.CONSOLE_ASSETS_DIR = dir;
    try {
      vi.resetModules();
      const deployed = await import("../../../lib/console/assets/assets.js");
      expect(deployed.stylesheetUrl()).toBe(`${ASSET_PATH}/${manifest.stylesheet}`);
      expect(deployed.scriptUrl("error-summary")).toBe(`${ASSET_PATH}/${manifest.scripts["error-summary"]}`);
      const css = deployed.assetNamed(manifest.stylesheet)!;
      expect(css.bytes.toString("utf8")).toBe(".from-the-folder{}");
      expect(gunzipSync(css.gzipped).toString("utf8")).toBe(".from-the-folder{}");
    } finally {
      if (before === undefined) delete process.env.CONSOLE_ASSETS_DIR;
      else process.env.CONSOLE_ASSETS_DIR = before;
      vi.resetModules();
    }
  });
});
