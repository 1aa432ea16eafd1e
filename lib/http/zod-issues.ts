import type * as z from "zod";

/**
 * Messages of zod issues for clients. An unknown field names the fields that are allowed where it
 * was sent, looked up in the schema at the issue's path: `unknown field "socialReturn"; allowed:
 * certificates, price, socialReturnOffer, …`. Other issues keep zod's (or the schema's) message.
 */
export function issueMessage(issue: z.core.$ZodIssue, schema: z.ZodType, value: unknown): string {
  if (issue.code !== "unrecognized_keys") return issue.message;
  const names = issue.keys.map((k) => JSON.stringify(k)).join(", ");
  const allowed = allowedKeysAt(schema, issue.path, value);
  const unknown = `unknown field${issue.keys.length > 1 ? "s" : ""} ${names}`;
  return allowed?.length ? `${unknown}; allowed: ${allowed.join(", ")}` : unknown;
}

/** What the walk needs of a schema's definition (zod 4 keeps it on `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  options?: z.ZodType[];
  discriminator?: string;
  left?: z.ZodType;
  right?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

/** The sorted field names of the object schema at `path`, or undefined when it cannot be told. */
export function allowedKeysAt(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  value: unknown,
): string[] | undefined {
  let current: z.ZodType | undefined = schema;
  let at = value;
  for (const segment of path) {
    current = unwrap(current, at);
    current = current && child(current, segment, at);
    at = at !== null && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[segment] : undefined;
    if (!current) return undefined;
  }
  const shape = current && defOf(unwrap(current, at) ?? current).shape;
  return shape ? Object.keys(shape).sort() : undefined;
}

/** Through optional/default/pipe/lazy wrappers, and into the union member the value is meant for. */
function unwrap(schema: z.ZodType | undefined, value: unknown): z.ZodType | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 20; depth++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type)) current = def.innerType;
    // The structure lives in a pipe's output (a capped array checks its length on `in`, its items on `out`).
    else if (def.type === "pipe") current = def.out ?? def.in;
    else if (def.type === "lazy") current = def.getter?.();
    else if (def.type === "union") current = memberFor(def, value);
    else return current;
  }
  return current;
}

function child(schema: z.ZodType, segment: PropertyKey, value: unknown): z.ZodType | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case "object":
      return def.shape?.[String(segment)];
    case "array":
      return def.element;
    case "record":
      return def.valueType;
    case "tuple":
      return def.items?.[Number(segment)] ?? def.rest ?? undefined;
    case "intersection":
      return (
        (def.left && child(unwrap(def.left, value) ?? def.left, segment, value)) ??
        (def.right && child(unwrap(def.right, value) ?? def.right, segment, value))
      );
    default:
      return undefined;
  }
}

/** A discriminated union's member by its tag; else the object member sharing the most fields with the value. */
function memberFor(def: Def, value: unknown): z.ZodType | undefined {
  const members = def.options ?? [];
  const fields = value !== null && typeof value === "object" ? Object.keys(value) : [];
  const tag = def.discriminator;
  if (tag && fields.includes(tag)) {
    const tagged = members.find((m) => {
      const field = defOf(unwrap(m, value) ?? m).shape?.[tag];
      return field?.safeParse((value as Record<string, unknown>)[tag]).success;
    });
    if (tagged) return tagged;
  }
  let best: z.ZodType | undefined;
  let bestScore = -1;
  for (const member of members) {
    const shape = defOf(unwrap(member, value) ?? member).shape;
    if (!shape) continue;
    const score = fields.filter((f) => f in shape).length;
    if (score > bestScore) [best, bestScore] = [member, score];
  }
  return best;
}
