import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as z from "zod";
import { AREAS } from "../../lib/http/routes.js";
import { buildOpenApi, type OpenApiDocument, type OperationText } from "../../lib/openapi/document.js";
import { loadEndpoints } from "../local.js";

/**
 * Writes the OpenAPI document (lib/openapi/openapi.json) from the endpoint specs, the zod schemas
 * and the handler modules' names and doc comments:
 *
 *   npm run openapi
 *
 * The platform function serves the written file (GET /v1/openapi.json), so a request never builds
 * it and the function does not load every handler. A test fails when the file is stale.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DOCUMENT_FILE = join(ROOT, "lib/openapi/openapi.json");
const SCHEMA_FOLDERS = ["lib/schemas", "lib/schemas/responses"];

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** The doc comment right above `export const handler`, as text (paragraphs kept). */
function handlerComment(source: string): string | undefined {
  const match = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export const handler\b/.exec(source);
  if (!match) return undefined;
  return match[1]!
    .split("\n")
    .map((line) => line.replace(/^\s*\*?\s?/, "").trimEnd())
    .join("\n")
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " "))
    .join("\n\n");
}

/** Route key → operation name (the handler module's file name) and description (its doc comment). */
export function operationTexts(): Map<string, OperationText> {
  const texts = new Map<string, OperationText>();
  for (const area of AREAS) {
    const router = readFileSync(join(ROOT, "functions", area, "handler.ts"), "utf8");
    for (const [, key, file] of router.matchAll(
      /"([A-Z]+ \/[^"]+)":\s*\(\)\s*=>\s*import\("\.\/([\w-]+)\.js"\)/g,
    )) {
      const description = handlerComment(readFileSync(join(ROOT, "functions", area, `${file}.ts`), "utf8"));
      texts.set(key!, {
        operationId: camel(file!),
        summary: pascal(file!.replace(/-/g, " ")),
        ...(description ? { description } : {}),
      });
    }
  }
  return texts;
}

/** Every exported zod schema of lib/schemas, by its export name ("moneySchema" → "Money"). */
export async function namedSchemas(): Promise<Map<z.ZodType, string>> {
  const named = new Map<z.ZodType, string>();
  const taken = new Set<string>();
  for (const folder of SCHEMA_FOLDERS) {
    const files = readdirSync(join(ROOT, folder))
      .filter((f) => f.endsWith(".ts"))
      .sort();
    for (const file of files) {
      const module = (await import(pathToFileURL(join(ROOT, folder, file)).href)) as Record<string, unknown>;
      for (const [exported, value] of Object.entries(module)) {
        if (!(value instanceof z.ZodType) || named.has(value)) continue;
        let name = pascal(exported.replace(/Schema$/, ""));
        if (taken.has(name)) name = pascal(camel(file.replace(/\.ts$/, ""))) + name;
        named.set(value, name);
        taken.add(name);
      }
    }
  }
  return named;
}

export async function generateOpenApi(): Promise<OpenApiDocument> {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  return buildOpenApi({
    endpoints: (await loadEndpoints()).map((endpoint) => endpoint.spec),
    operations: operationTexts(),
    named: await namedSchemas(),
    version,
  });
}

/** The file's text: two-space indented, one trailing newline. */
export const documentText = (document: OpenApiDocument) => `${JSON.stringify(document, null, 2)}\n`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const document = await generateOpenApi();
  writeFileSync(DOCUMENT_FILE, documentText(document));
  console.log(`${DOCUMENT_FILE}: ${Object.keys(document.paths).length} paths`);
  process.exit(0);
}
