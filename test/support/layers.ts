import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

/**
 * The dependency rule, checked over the import graph: domain ← schemas ← use cases ← handlers, entity
 * modules (keys, queries, read-back schemas) below the use cases, and the CDK app depends only on plain
 * data from lib/. Paths are repository-relative, with "/".
 */

/** Plain data the CDK app may import from lib/ (no use cases, no store client, no Powertools). */
export const INFRA_MAY_IMPORT = [
  "lib/http/routes.ts",
  "lib/http/metric-names.ts",
  "lib/store/table.ts",
  "lib/store/document-layout.ts",
  "lib/jobs/limits.ts",
  "lib/ocds/config.ts",
  "lib/api-reference/redoc-files.ts",
];

/** Packages the pure layers may use: hashing in the domain, zod in the schemas and entity modules. */
const DOMAIN_PACKAGES = ["node:crypto"];
const SCHEMA_PACKAGES = ["zod"];
const ENTITY_PACKAGES = ["zod"];
/** What an entity module builds on: domain types, wire schemas and the generic store helpers. */
const ENTITY_MAY_IMPORT = ["lib/entities", "lib/domain", "lib/schemas", "lib/store"];

const SPECIFIER =
  /\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\bimport\s+["']([^"']+)["']/g;

/**
 * The console's pages call the API's handlers (in-process), never a use case, so no rule has a second
 * implementation: besides its own folder it may use the HTTP plumbing, pure rules and wire schemas,
 * its session store, and the development sign-in's token and demo ids.
 */
const CONSOLE_MAY_IMPORT = [
  "lib/console",
  "lib/http",
  "lib/domain",
  "lib/schemas",
  "lib/store",
  "lib/entities/console-session.ts",
  "lib/local/event.ts",
  "lib/local/tokens.ts",
  "lib/seed/demo-ids.ts",
  "lib/api-reference/replies.ts",
  "lib/operation.ts",
];

/** Every module a file imports or re-exports (static, side-effect and dynamic `import("…")`). */
export function importsOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** A relative specifier as the repository path of the .ts file it names; a package name as is. */
export function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return posix.join(posix.dirname(from), specifier).replace(/\.js$/, ".ts");
}

const under = (path: string, folder: string) => path.startsWith(`${folder}/`);
const isPackage = (target: string) => !/^(lib|functions|infra|test)\//.test(target);

/** Why `file` must not import `target`, or undefined when the import points the right way. */
export function forbidden(file: string, target: string): string | undefined {
  if (under(file, "lib/domain")) {
    if (isPackage(target) ? !DOMAIN_PACKAGES.includes(target) : !under(target, "lib/domain"))
      return "lib/domain imports only lib/domain";
  }
  if (under(file, "lib/schemas")) {
    const ok = isPackage(target)
      ? SCHEMA_PACKAGES.includes(target)
      : under(target, "lib/domain") || under(target, "lib/schemas");
    if (!ok) return "lib/schemas imports only lib/domain, lib/schemas and zod";
  }
  if (under(file, "lib/entities")) {
    const ok = isPackage(target)
      ? ENTITY_PACKAGES.includes(target)
      : ENTITY_MAY_IMPORT.some((folder) => under(target, folder));
    if (!ok) return "lib/entities imports only lib/entities, lib/domain, lib/schemas, lib/store and zod";
  }
  if (
    under(file, "lib/console") &&
    under(target, "lib") &&
    !CONSOLE_MAY_IMPORT.some((f) => target === f || under(target, f))
  )
    return `lib/console reaches data only through the API: from lib/ it imports ${CONSOLE_MAY_IMPORT.join(", ")}`;
  if (under(file, "lib") && (under(target, "functions") || under(target, "infra")))
    return "lib/ never imports functions/ or infra/";
  if (under(file, "functions") && under(target, "infra")) return "functions/ never imports infra/";
  if (under(file, "infra")) {
    if (under(target, "functions")) return "infra/ never imports functions/";
    if (under(target, "lib") && !INFRA_MAY_IMPORT.includes(target))
      return `infra/ imports from lib/ only ${INFRA_MAY_IMPORT.join(", ")}`;
  }
  return undefined;
}

/** Every wrong-way import in a map of repository path → source text. */
export function layerViolations(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, source] of files) {
    for (const specifier of importsOf(source)) {
      const rule = forbidden(file, resolve(file, specifier));
      if (rule) found.push(`${file} imports "${specifier}": ${rule}`);
    }
  }
  return found;
}

/** The .ts and .tsx files under the given folders of `root`, by repository path. */
export function sourceFiles(root: string, folders: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
        files.set(path, readFileSync(join(root, path), "utf8"));
    }
  };
  for (const folder of folders) walk(folder);
  return files;
}
