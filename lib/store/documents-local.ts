import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { DocumentStore } from "./documents.js";

/**
 * Documents as files under `root` (the local runtime and the tests). A document is written to a
 * temporary file beside it, flushed, then renamed over the key: a crash leaves the old document or
 * the new one, never half of one. Temporary names start with a dot, which no key part may.
 */
export function localDocuments(root: string): DocumentStore {
  return {
    async put(key, body) {
      const file = join(root, key);
      await mkdir(dirname(file), { recursive: true });
      const temp = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`);
      try {
        const handle = await open(temp, "wx");
        try {
          await handle.writeFile(body);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        return await readFile(join(root, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}
