import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

/**
 * The console's static files, served under content-hashed names (`/console/assets/console.<hash>.css`)
 * so browsers may keep them a year: a new deployment changes the name, never the file behind it.
 */
export interface Asset {
  name: string;
  bytes: Buffer;
  gzipped: Buffer;
  contentType: string;
}

const require = createRequire(import.meta.url);

/** The stylesheet: the Utrecht design tokens and component CSS, then our neutral theme on top. */
function stylesheet(): Buffer {
  const parts = [
    require.resolve("@utrecht/design-tokens/dist/index.css"),
    require.resolve("@utrecht/component-library-css/dist/index.css"),
    new URL("./theme.css", import.meta.url).pathname,
  ];
  return Buffer.from(parts.map((file) => readFileSync(file, "utf8")).join("\n"), "utf8");
}

function hashed(base: string, extension: string, bytes: Buffer, contentType: string): Asset {
  const hash = createHash("sha256").update(bytes).digest("base64url").slice(0, 12);
  return { name: `${base}.${hash}.${extension}`, bytes, gzipped: gzipSync(bytes, { level: 9 }), contentType };
}

let assets: Map<string, Asset> | undefined;
let stylesheetName: string | undefined;

function load(): Map<string, Asset> {
  if (!assets) {
    const css = hashed("console", "css", stylesheet(), "text/css; charset=utf-8");
    stylesheetName = css.name;
    assets = new Map([[css.name, css]]);
  }
  return assets;
}

export const ASSET_PATH = "/console/assets";

export const stylesheetUrl = (): string => {
  load();
  return `${ASSET_PATH}/${stylesheetName}`;
};

export const assetNamed = (name: string): Asset | undefined => load().get(name);
