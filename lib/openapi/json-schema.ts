import * as z from "zod";

/** A JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * zod → JSON Schema of what travels on the wire: the input side of each schema (what a request
 * carries, and what a response schema parses), with shared schemas as `$ref`s to components.
 *
 * A refinement (`.refine`, `.superRefine`) has no JSON Schema equivalent, so zod drops it. Here a
 * refined schema must say what it checks: by a description (`.describe()`, `.meta()`), or by a refine
 * message that is a fixed text ("at most 20 entries"), which becomes its description. A refinement
 * with neither fails the generation, naming where, so no rule is dropped silently.
 */

const UNDOCUMENTED = "x-undocumented-refinement";

const OPTIONS = {
  target: "draft-2020-12",
  io: "input",
  unrepresentable: "throw",
  override: (ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) => {
    keepExamples(ctx);
    documentRefinements(ctx);
  },
} as const;

interface CustomCheck {
  _zod: { def: { check: string; error?: (issue: unknown) => unknown } };
}

/** The refine's message when it is a fixed text, not computed from the value. */
function fixedMessage(check: CustomCheck): string | undefined {
  const error = check._zod.def.error;
  if (typeof error !== "function") return undefined;
  const message = error({ code: "custom", input: undefined });
  const text =
    typeof message === "string" ? message : (message as { message?: unknown } | undefined)?.message;
  return typeof text === "string" && text.length > 0 ? text : undefined;
}

/**
 * zod drops `examples` from the input side of a schema that transforms (they would show its
 * output); ours are written as sent on the wire, so they stay.
 */
function keepExamples({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const examples = z.globalRegistry.get(zodSchema as z.ZodType)?.examples;
  if (examples && !jsonSchema.examples) jsonSchema.examples = examples;
}

function documentRefinements({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  if (jsonSchema.description) {
    delete jsonSchema[UNDOCUMENTED];
    return;
  }
  const def = (zodSchema as { _zod: { def: { checks?: CustomCheck[] } } })._zod.def;
  const refinements = (def.checks ?? []).filter((check) => check._zod.def.check === "custom");
  if (refinements.length === 0) return;
  const messages = refinements.map(fixedMessage);
  if (messages.every((m) => m !== undefined))
    jsonSchema.description = `Also checked: ${messages.join("; ")}.`;
  else jsonSchema[UNDOCUMENTED] = true;
}

/** Where a converted schema still carries an undocumented refinement (JSON pointers). */
function undocumented(node: unknown, pointer: string, found: string[]): string[] {
  if (!node || typeof node !== "object") return found;
  if (UNDOCUMENTED in node) found.push(pointer || "/");
  for (const [key, value] of Object.entries(node)) undocumented(value, `${pointer}/${key}`, found);
  return found;
}

function refuseUndocumented(schema: unknown, where: string) {
  const found = undocumented(schema, "", []);
  if (found.length > 0)
    throw new Error(
      `${where}: a refinement without a description at ${found.join(", ")}; describe what it checks (.describe()) so the OpenAPI document says it`,
    );
}

const withoutDialect = ({ $schema: _s, $id: _i, ...rest }: JsonSchema): JsonSchema => rest;

export const componentRef = (name: string) => `#/components/schemas/${name}`;

/**
 * The named schemas as OpenAPI components: each named schema used inside another becomes a `$ref` to
 * its component, so a shared shape (Money, a tender) is defined once.
 */
export function componentSchemas(named: ReadonlyMap<z.ZodType, string>): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, name] of named) registry.add(schema, { id: name });
  const { schemas } = z.toJSONSchema(registry, { ...OPTIONS, uri: componentRef });
  const components: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    refuseUndocumented(schema, `components/schemas/${name}`);
    components[name] = withoutDialect(schema as JsonSchema);
  }
  return components;
}

/** One schema on its own, everything inlined (path and query parameters). */
export function inlineSchema(schema: z.ZodType, where: string): JsonSchema {
  const json = z.toJSONSchema(schema, OPTIONS) as JsonSchema;
  refuseUndocumented(json, where);
  if (json.$defs) throw new Error(`${where}: a recursive schema cannot be inlined`);
  return withoutDialect(json);
}
