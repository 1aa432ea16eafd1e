import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../../support/layers.js";

/**
 * Only the entity modules (lib/entities/) build keys and name indexes; everything else, tests included,
 * uses their key builders, named queries and predicates. The table definition is the one other place.
 */

const root = fileURLToPath(new URL("../../..", import.meta.url));
const THIS_FILE = "test/unit/architecture/entity-keys.test.ts";

/**
 * A key literal (`TENDER#…`, `"V#"`), a key compared with or set to a literal (`sk === "TOTALS"`), an
 * index name or an index key field.
 */
const KEY_LITERAL =
  /[A-Z]{2,}#|"gsi\d"|gsi\d(pk|sk)|"(V|ENTRY|TOTALS|CAND|PERSON|BID|SCORES|EVALUATION|COMMITMENT|OBLIGATION)#|\b[ps]k\s*(===|!==|:)\s*["'`][A-Z]/;

const allowed = (path: string) =>
  path.startsWith("lib/entities/") ||
  path === "lib/store/table.ts" ||
  path === THIS_FILE ||
  // The entity helper's own test defines a made-up entity.
  path === "test/unit/store/entity.test.ts";

/** Every line outside the allowed files that builds a key or names an index, as `path:line: text`. */
function keyLiterals(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [path, source] of files) {
    if (allowed(path)) continue;
    source.split("\n").forEach((line, i) => {
      if (KEY_LITERAL.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe("keys and index names live in lib/entities/", () => {
  it("no file under lib/, functions/ or test/ outside the entity modules builds a key or names an index", () => {
    const files = sourceFiles(root, ["lib", "functions", "test"]);
    expect(files.size).toBeGreaterThan(100);
    expect(keyLiterals(files)).toEqual([]);
  });

  it("finds each planted key literal, index name and prefix check, and accepts entity builders", () => {
    const planted = [
      'const key = { pk: "TENDER#" + id, sk: "TENDER" };',
      'queryAll({ pk: contractKey(id).pk, skBeginsWith: "ENTRY#" });',
      'items.filter((i) => i.sk.startsWith("ENTRY#"));',
      'queryPage({ index: "gsi1", pk: regionKey(id).pk });',
      "await setIf(key, { gsi2pk: queue, gsi2sk: sk });",
      'queryPage({ index: "gsi3", pk: byStatus });',
      'if (values[":sk"] === "V#") reads++;',
    ];
    const fine = [
      "const item = await getItem(catalogueKey(id, version));",
      "queryPage({ ...catalogueQueries.ofRegion(regionId), limit });",
      "if (isAuditEvent(item)) events.push(item);",
      'const ref = entityType + ":" + entityId; // "TOTALS" alone is no key template',
    ];
    const files = new Map([
      ["lib/tenders/planted.ts", planted.join("\n")],
      ["test/integration/fine.test.ts", fine.join("\n")],
      ["lib/entities/tender.ts", planted.join("\n")],
      ["lib/store/table.ts", 'indexes: [{ name: "gsi1", partitionKey: "gsi1pk" }]'],
    ]);
    const found = keyLiterals(files);
    expect(found).toEqual(planted.map((line, i) => `lib/tenders/planted.ts:${i + 1}: ${line}`));
  });
});
