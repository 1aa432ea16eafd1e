import type { JsonSchema } from "./json-schema.js";

/**
 * An example value for a schema of the document, derived from the schema itself: its own
 * `examples`, `default`, `const` or first `enum` value, else the smallest value its keywords allow
 * (required properties only, one item per array). Strings with a pattern take the first of a few
 * typical values the pattern accepts. Tests validate every example against its schema, and a schema
 * whose derived example would be wrong gets `examples` of its own (`.meta({ examples: […] })`).
 */

const STRING_CANDIDATES = [
  "example",
  "regio-west",
  "90000001",
  "45233140-2",
  "2026-03",
  "2026-03-01",
  "2026-03-01T12:00",
  "2026-03-01T12:00:00Z",
  "1",
  "A",
  "nl",
];

const FORMATS: Record<string, string> = {
  date: "2026-03-01",
  "date-time": "2026-03-01T12:00:00Z",
  email: "inkoop@example.org",
  uri: "https://example.org/",
  uuid: "7f1c0e5a-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
};

const MAX_DEPTH = 40;

export function exampleOf(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  const next = (sub: unknown) => exampleOf(sub as JsonSchema, components, depth + 1);
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = components[name];
    if (!target) return undefined;
    const { $ref: _ref, ...siblings } = schema;
    return next({ ...target, ...siblings });
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("default" in schema) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const branches = schema[keyword] as JsonSchema[] | undefined;
    if (branches) {
      const branch = branches.find((b) => b.type !== "null") ?? branches[0]!;
      return next(branch);
    }
  }
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as JsonSchema[]).map(next);
    return parts.every((p) => p && typeof p === "object" && !Array.isArray(p))
      ? Object.assign({}, ...parts)
      : parts[0];
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return objectExample(schema, next);
    case "array": {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      const item = schema.items ? next(schema.items) : undefined;
      return item === undefined ? [] : Array.from({ length: count }, () => item);
    }
    case "string":
      return stringExample(schema);
    case "integer":
    case "number":
      return numberExample(schema, type === "integer");
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return undefined;
  }
}

function objectExample(schema: JsonSchema, next: (sub: unknown) => unknown) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  const out: Record<string, unknown> = {};
  for (const name of required) {
    if (!properties[name]) continue;
    const value = next(properties[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function stringExample(schema: JsonSchema): string {
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  const min = Number(schema.minLength ?? 0);
  const max = Number(schema.maxLength ?? Number.POSITIVE_INFINITY);
  const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern, "u") : undefined;
  const fits = (value: string) =>
    value.length >= min && value.length <= max && (!pattern || pattern.test(value));
  if (format && fits(format)) return format;
  const candidate = STRING_CANDIDATES.find(fits);
  if (candidate) return candidate;
  const made = pattern ? matchingString(schema.pattern as string) : undefined;
  if (made !== undefined && fits(made)) return made;
  return "x".repeat(Math.max(min, 1));
}

const ALPHABET = ["a", "0", "A", "x", "1", "-", "_", ".", " ", "/", ":"];

/**
 * The shortest string a (simple) regular expression accepts, walking it: the first alternative,
 * each quantifier's minimum, a class's first matching character of a small alphabet; lookarounds
 * are skipped. Undefined when the result does not match after all (the walk is not a full engine).
 */
function matchingString(pattern: string): string | undefined {
  let i = 0;
  const pick = (test: RegExp) => ALPHABET.find((c) => test.test(c)) ?? "a";
  const skipGroup = () => {
    let depth = 0;
    for (; i < pattern.length; i++) {
      if (pattern[i] === "\\") i++;
      else if (pattern[i] === "(") depth++;
      else if (pattern[i] === ")" && --depth === 0) {
        i++;
        return;
      }
    }
  };
  const atom = (): string => {
    const c = pattern[i]!;
    if (c === "^" || c === "$") {
      i++;
      return "";
    }
    if (c === "(") {
      if (/^\(\?<?[=!]/.test(pattern.slice(i))) {
        skipGroup();
        return "";
      }
      i += pattern.startsWith("(?:", i)
        ? 3
        : pattern.startsWith("(?<", i)
          ? pattern.indexOf(">", i) + 1 - i
          : 1;
      const inner = alternatives();
      i++; // ")"
      return inner;
    }
    if (c === "[") {
      let end = i + 1;
      while (end < pattern.length && pattern[end] !== "]") end += pattern[end] === "\\" ? 2 : 1;
      const cls = pattern.slice(i, end + 1);
      i = end + 1;
      return pick(new RegExp(`^${cls}$`, "u"));
    }
    if (c === "\\") {
      const e = pattern[i + 1]!;
      if ((e === "p" || e === "P") && pattern[i + 2] === "{") {
        const end = pattern.indexOf("}", i);
        const cls = pattern.slice(i, end + 1);
        i = end + 1;
        return pick(new RegExp(`^${cls}$`, "u"));
      }
      i += 2;
      return /[dwsDWS]/.test(e) ? pick(new RegExp(`^\\${e}$`, "u")) : e;
    }
    i++;
    return c === "." ? "a" : c;
  };
  const times = (): number => {
    const c = pattern[i];
    let n = 1;
    if (c === "?" || c === "*") {
      n = 0;
      i++;
    } else if (c === "+") i++;
    else if (c === "{") {
      const m = /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(i));
      if (m) {
        n = Number(m[1]);
        i += m[0].length;
      }
    }
    if (pattern[i] === "?") i++; // lazy
    return n;
  };
  const sequence = (): string => {
    let out = "";
    while (i < pattern.length && pattern[i] !== "|" && pattern[i] !== ")") {
      const part = atom();
      out += part.repeat(times());
    }
    return out;
  };
  function alternatives(): string {
    const first = sequence();
    while (pattern[i] === "|") {
      i++;
      sequence();
    }
    return first;
  }
  try {
    const made = alternatives();
    return new RegExp(pattern, "u").test(made) ? made : undefined;
  } catch {
    return undefined;
  }
}

function numberExample(schema: JsonSchema, integer: boolean): number {
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
  const above = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : undefined;
  let value = 1;
  if (min !== undefined && value < min) value = min;
  if (above !== undefined && value <= above) value = integer ? Math.floor(above) + 1 : above + 1;
  if (max !== undefined && value > max) value = above !== undefined && !integer ? (above + max) / 2 : max;
  return value;
}
