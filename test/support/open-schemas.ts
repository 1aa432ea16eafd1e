import { z } from "zod";

/**
 * The places where a schema accepts anything: `{}` (any/unknown) or an object that lets unknown
 * properties through. A response schema may have neither, or it documents and checks nothing there.
 */
export function openParts(schema: z.ZodType): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (node === true || (node && typeof node === "object" && Object.keys(node).length === 0)) {
      found.push(path || "(root)");
      return;
    }
    if (!node || typeof node !== "object") return;
    const json = node as Record<string, unknown>;
    if (json.type === "object" && json.properties && !("additionalProperties" in json))
      found.push(`${path || "(root)"}: unknown properties allowed`);
    for (const [key, value] of Object.entries(json)) {
      if (key === "properties" || key === "$defs" || key === "definitions") {
        for (const [name, sub] of Object.entries(value as object)) walk(sub, `${path}.${name}`);
      } else if (key === "additionalProperties" && value && typeof value === "object") {
        walk(value, `${path}.*`);
      } else if (key === "items" || key === "not") {
        walk(value, `${path}[]`);
      } else if (["anyOf", "oneOf", "allOf", "prefixItems"].includes(key) && Array.isArray(value)) {
        for (const [i, sub] of value.entries()) walk(sub, `${path}|${i}`);
      }
    }
  };
  // As input: a plain z.object() would strip unknown properties from a response instead of refusing them.
  walk(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }), "");
  return found;
}
