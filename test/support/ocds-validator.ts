import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { LOCAL_EXTENSION_PATH, OFFICIAL_EXTENSIONS } from "../../lib/ocds/extensions.js";

/**
 * Validates an OCDS release package against the official OCDS 1.1.5 schemas copied into the repository
 * (lib/ocds/schema/, JSON Schema draft-04): the release schema with the patches of the extensions the
 * package lists merged in (JSON Merge Patch, RFC 7386, in the package's order), and every field that
 * names a codelist checked against that codelist's CSV — open codelists too, so only listed codes pass.
 */

// CommonJS packages: their class and plugin are the `default` of what Node's ESM import gives.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

const OCDS = fileURLToPath(new URL("../../lib/ocds/", import.meta.url));
const SCHEMA = join(OCDS, "schema");
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** The release schema's own `id`: the package schema refers to it by this URL. */
export const RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json";

/** The release-schema patch of each extension a package may list. */
function patchOf(url: string): string {
  const official = Object.entries(OFFICIAL_EXTENSIONS).find(([, known]) => known === url)?.[0];
  if (official) return join(SCHEMA, "extensions", official, "release-schema.json");
  if (url.endsWith(`${LOCAL_EXTENSION_PATH}/extension.json`))
    return join(OCDS, "extension", "release-schema.json");
  throw new Error(`extension ${url} has no copy in the repository to validate against`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** RFC 7386: objects merge key by key, null removes a key, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== "," && c !== "\n" && c !== "\r")) field += c;
    else if (c === ",") endField();
    else if (c === "\n" || text[i + 1] !== "\n") {
      // a line ends at \n, \r\n (the \r is skipped) or a lone \r
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ""));
}

/** Every codelist in the repository by file name: its codes (the `Code` column). */
function loadCodelists(): Map<string, Set<string>> {
  const folders = [
    join(SCHEMA, "codelists"),
    ...readdirSync(join(SCHEMA, "extensions")).map((name) => join(SCHEMA, "extensions", name, "codelists")),
  ];
  const codelists = new Map<string, Set<string>>();
  for (const folder of folders) {
    let files: string[];
    try {
      files = readdirSync(folder).filter((f) => f.endsWith(".csv"));
    } catch {
      continue; // an extension without codelists
    }
    for (const file of files) {
      const [header, ...rows] = parseCsv(readFileSync(join(folder, file), "utf8"));
      const column = header!.indexOf("Code");
      if (column < 0) throw new Error(`${file} has no Code column`);
      codelists.set(basename(file), new Set(rows.map((r) => r[column]!)));
    }
  }
  return codelists;
}

let codelists: Map<string, Set<string>> | undefined;

/** The core release schema with the listed extensions' patches applied in order. */
export function mergedReleaseSchema(extensions: readonly string[]): Record<string, unknown> {
  return extensions.reduce<Record<string, unknown>>(
    (schema, url) => mergePatch(schema, readJson(patchOf(url))) as Record<string, unknown>,
    readJson(join(SCHEMA, "release-schema.json")),
  );
}

function validatorFor(extensions: readonly string[]) {
  codelists ??= loadCodelists();
  const known = codelists;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: "codelist",
    schemaType: "string",
    errors: true,
    validate: function check(file: string, data: unknown) {
      const codes = known.get(file);
      const values = (Array.isArray(data) ? data : [data]).filter((v) => typeof v === "string");
      const wrong = codes
        ? values.filter((v) => !codes.has(v))
        : values.map((v) => `${v} (no ${file} in the repository)`);
      (check as unknown as { errors: object[] }).errors = wrong.map((value) => ({
        keyword: "codelist",
        message: `"${value}" is not a code of ${file}`,
        params: { codelist: file, value },
      }));
      return wrong.length === 0;
    },
  });
  ajv.addSchema(mergedReleaseSchema(extensions), RELEASE_SCHEMA_URL);
  return ajv.compile(readJson(join(SCHEMA, "release-package-schema.json")));
}

const validators = new Map<string, ReturnType<typeof validatorFor>>();

/** The package's errors against the official schemas, extensions and codelists: [] when it is valid. */
export function releasePackageErrors(pkg: unknown): string[] {
  const listed = isObject(pkg) && Array.isArray(pkg.extensions) ? (pkg.extensions as string[]) : [];
  const key = listed.join(" ");
  const validate = validators.get(key) ?? validatorFor(listed);
  validators.set(key, validate);
  if (validate(pkg)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "(package)"}: ${e.message}`);
}
