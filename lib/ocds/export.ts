/**
 * The public OCDS routes: one tender's release package, and the files of our extension.
 */
import { NotFound } from "../domain/errors.js";
import type { OcdsReleasePackage } from "../schemas/responses/ocds.js";
import { baseUrlFor, ocdsPublication } from "./config.js";
import extension from "./extension/extension.json" with { type: "json" };
import releaseSchema from "./extension/release-schema.json" with { type: "json" };
import { LOCAL_EXTENSION_FILES } from "./extensions.js";
import type { ImplementationSource } from "./implementation.js";
import { loadTenderProcess } from "./load-process.js";
import { tenderReleasePackage } from "./release-package.js";
import { loadSocialReturn } from "./social-return.js";

/** GET /v1/tenders/{tenderId}/ocds: the release package of a published tender (a draft: 404). */
export async function tenderOcds(
  tenderId: string,
  host: string | undefined,
  now: Date,
  implementation: ImplementationSource = loadSocialReturn,
): Promise<OcdsReleasePackage> {
  const publication = ocdsPublication();
  const process = await loadTenderProcess(tenderId, now, { implementation });
  return tenderReleasePackage(process, publication, baseUrlFor(publication, host), now);
}

const FILES: Record<(typeof LOCAL_EXTENSION_FILES)[number], unknown> = {
  "extension.json": extension,
  "release-schema.json": releaseSchema,
};

/** GET /v1/ocds/extension/{file}: our extension's metadata and its release-schema patch, as shipped. */
export function extensionFile(file: string): Buffer {
  const known = LOCAL_EXTENSION_FILES.find((name) => name === file);
  if (!known) throw new NotFound("file");
  return Buffer.from(`${JSON.stringify(FILES[known], null, 2)}\n`, "utf8");
}
