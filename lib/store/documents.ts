/**
 * Documents: bodies too large for a table item (an evaluation's input and result; reports), stored by
 * key. In AWS an S3 bucket (DOCUMENTS_BUCKET); without it a folder under the data directory
 * (`<DATA_DIR>/documents/`). Chosen once per container, on first use; the S3 client is loaded only
 * then, so functions that never store documents never load it.
 */
import { join } from "node:path";
import { dataDir } from "../local/dev-key.js";

export interface DocumentStore {
  /** Writes the whole body or nothing: a reader never sees half a document. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or undefined when nothing is stored under `key`. */
  get(key: string): Promise<Uint8Array | undefined>;
}

/** A key part: letters, digits and `_-.~=+@,`, not starting with a dot (no `.`, `..` or hidden files). */
const SEGMENT = /^[A-Za-z0-9_\-~=+@,][A-Za-z0-9_\-.~=+@,]*$/;
const MAX_KEY_LENGTH = 512;

/** A key is a relative path of safe parts separated by `/`; anything else is a programming error. */
export function checkDocumentKey(key: string): string {
  const parts = key.split("/");
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !parts.every((part) => SEGMENT.test(part)))
    throw new Error(
      `Not a document key (relative path of safe parts, no "." or ".."): ${JSON.stringify(key)}`,
    );
  return key;
}

let chosen: Promise<DocumentStore> | undefined;

function documentStore(): Promise<DocumentStore> {
  chosen ??= (async () => {
    const bucket = process.env.DOCUMENTS_BUCKET;
    if (bucket) return (await import("./documents-s3.js")).s3Documents(bucket);
    return (await import("./documents-local.js")).localDocuments(join(dataDir(), "documents"));
  })();
  return chosen;
}

/** Stores `body` (a string as UTF-8) under `key`, replacing what was there. */
export async function putDocument(
  key: string,
  body: string | Uint8Array,
  contentType: string,
): Promise<void> {
  const checked = checkDocumentKey(key);
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  await (await documentStore()).put(checked, bytes, contentType);
}

/** The bytes stored under `key`, or undefined when there are none. */
export async function getDocument(key: string): Promise<Uint8Array | undefined> {
  const checked = checkDocumentKey(key);
  return (await documentStore()).get(checked);
}

/** A stored document that differs from what its record says (size or sha256): names the key, never the content. */
export class CorruptDocument extends Error {
  constructor(
    readonly key: string,
    readonly problem: string,
    readonly owner?: string,
  ) {
    super(`Stored document ${key}${owner ? ` of ${owner}` : ""} ${problem}`);
    this.name = "CorruptDocument";
  }
}
