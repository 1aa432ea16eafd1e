import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { checkDocumentKey, getDocument, putDocument } from "../../../lib/store/documents.js";
import { localDocuments } from "../../../lib/store/documents-local.js";

/** A crash between writing a document's temporary file and renaming it over the key, when set. */
const crash = vi.hoisted(() => ({ beforeRename: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      if (crash.beforeRename) throw Object.assign(new Error("simulated crash"), { code: "EIO" });
      return fs.rename(from, to);
    },
  };
});

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), "impact-documents-"));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, as relative paths. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString("utf8") : bytes);

describe("local document store", () => {
  it("stores and reads a document by key, in folders of its key, and replaces it on a second write", async () => {
    const root = folder();
    const store = localDocuments(root);
    await store.put("evaluations/T1/1/abc.json", Buffer.from('{"a":1}'), "application/json");
    expect(text(await store.get("evaluations/T1/1/abc.json"))).toBe('{"a":1}');
    await store.put("evaluations/T1/1/abc.json", new Uint8Array([0, 255, 10]), "application/octet-stream");
    expect([...(await store.get("evaluations/T1/1/abc.json"))!]).toEqual([0, 255, 10]);
    expect(filesUnder(root)).toEqual(["evaluations/T1/1/abc.json"]);
  });

  it("answers undefined for a key with nothing stored", async () => {
    const store = localDocuments(folder());
    expect(await store.get("evaluations/none.json")).toBeUndefined();
    expect(await store.get("never/written/folder/x.json")).toBeUndefined();
  });

  it("writes atomically: a crash before the rename leaves the previous document whole and no temporary file", async () => {
    const root = folder();
    const store = localDocuments(root);
    await store.put("reports/r.csv", Buffer.from("old,complete\n"), "text/csv");
    crash.beforeRename = true;
    try {
      await expect(
        store.put("reports/r.csv", Buffer.from("new,".repeat(100_000)), "text/csv"),
      ).rejects.toThrow("simulated crash");
    } finally {
      crash.beforeRename = false;
    }
    expect(text(await store.get("reports/r.csv"))).toBe("old,complete\n");
    expect(filesUnder(root)).toEqual(["reports/r.csv"]);
  });

  it("never lets a reader see half a document while it is being replaced", async () => {
    const store = localDocuments(folder());
    const [a, b] = [Buffer.alloc(4 << 20, "a"), Buffer.alloc(4 << 20, "b")];
    await store.put("big.bin", a, "application/octet-stream");
    const writes = (async () => {
      for (let i = 0; i < 6; i++) await store.put("big.bin", i % 2 ? a : b, "application/octet-stream");
    })();
    const seen = new Set<string>();
    let done = false;
    void writes.finally(() => {
      done = true;
    });
    while (!done) {
      const read = Buffer.from((await store.get("big.bin"))!);
      seen.add(read.equals(a) ? "a" : read.equals(b) ? "b" : `torn (${read.length} bytes)`);
    }
    await writes;
    expect([...seen].filter((s) => s.startsWith("torn"))).toEqual([]);
  });
});

describe("document keys", () => {
  it("accept relative paths of safe parts", () => {
    for (const key of [
      "evaluations/PkeJshS1_BRNYf2pqHdBGF/1/0a1b.json",
      "reports/2026-Q1/region=oost.pdf",
      "x",
    ])
      expect(checkDocumentKey(key)).toBe(key);
  });

  it("refuse '..', '.', absolute paths, empty parts, hidden names and other characters", async () => {
    for (const key of [
      "..",
      "../outside.json",
      "evaluations/../../etc/passwd",
      "evaluations/./x.json",
      "/etc/passwd",
      "evaluations//x.json",
      "evaluations/",
      "",
      ".hidden",
      "evaluations/.x.json.tmp",
      "a\\..\\b",
      "a b",
      "a/\u0000",
      "x".repeat(513),
    ])
      expect(() => checkDocumentKey(key), JSON.stringify(key)).toThrow("Not a document key");
    await expect(putDocument("../escape.json", "{}", "application/json")).rejects.toThrow(
      "Not a document key",
    );
    await expect(getDocument("a/../../b")).rejects.toThrow("Not a document key");
  });
});

describe("the store of a container", () => {
  it("is chosen once: without DOCUMENTS_BUCKET a folder `documents` under the data directory", async () => {
    const [first, second] = [folder(), folder()];
    const saved = process.env.DATA_DIR;
    delete process.env.DOCUMENTS_BUCKET;
    try {
      process.env.DATA_DIR = first;
      await putDocument("evaluations/T/1/d.json", '{"ok":true}', "application/json");
      process.env.DATA_DIR = second;
      expect(text(await getDocument("evaluations/T/1/d.json"))).toBe('{"ok":true}');
      await putDocument("evaluations/T/1/e.json", "é", "application/json");
    } finally {
      if (saved === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = saved;
    }
    expect(readFileSync(join(first, "documents/evaluations/T/1/d.json"), "utf8")).toBe('{"ok":true}');
    expect(readFileSync(join(first, "documents/evaluations/T/1/e.json"))).toEqual(Buffer.from("é", "utf8"));
    expect(existsSync(join(second, "documents"))).toBe(false);
  });
});
