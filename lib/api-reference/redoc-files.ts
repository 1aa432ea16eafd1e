/**
 * Redoc's standalone script, which renders the API reference page in the browser, and its licence
 * notices: the files of the `redoc` package the service serves and ships. A function bundle carries
 * them in `redoc/` beside its entry file, laid out as in the package. Plain data: the CDK bundling
 * (infra/bundling.ts) copies these files and lib/api-reference/redoc.ts reads them.
 */
export const REDOC_PACKAGE = "redoc";

/** The script, relative to the package folder. */
export const REDOC_SCRIPT = "bundles/redoc.standalone.js";

/** The notices of the libraries the script bundles; the script's first line points to this file. */
export const REDOC_BUNDLED_NOTICES = `${REDOC_SCRIPT}.LICENSE.txt`;

/** Redoc's own licence (MIT). */
export const REDOC_LICENCE = "LICENSE";

export const REDOC_FILES = [REDOC_SCRIPT, REDOC_BUNDLED_NOTICES, REDOC_LICENCE] as const;
