/** Update and condition expressions with their attribute names and values. */

/** What ADD adds: a number to a counter, or members to a string set. */
export type AddDelta = number | ReadonlySet<string>;

/** `ADD` clauses for atomic counter deltas (and set members), with their attribute names and values. */
export function addExpression(deltas: Record<string, AddDelta>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = Object.entries(deltas).map(([field, delta], i) => {
    names[`#a${i}`] = field;
    values[`:a${i}`] = delta;
    return `#a${i} :a${i}`;
  });
  return { adds, names, values };
}

export function updateExpression(set: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.entries(set).map(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  return { assignments, names, values };
}

/**
 * What a conditional write expects of the stored item: each field equal to its value, equal to one of
 * several (`oneOf`), or absent where the value is undefined. Empty: the item only has to exist.
 */
export type Expectation = Record<string, unknown>;

/** Expects a field to hold any one of `values` (a state machine's allowed starting states). */
export class OneOf {
  constructor(readonly values: readonly unknown[]) {}
}
export const oneOf = (...values: unknown[]): OneOf => new OneOf(values);

export function conditionOf(expect: Expectation) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses = Object.entries(expect).map(([field, value], i) => {
    names[`#e${i}`] = field;
    if (value === undefined) return `attribute_not_exists(#e${i})`;
    if (value instanceof OneOf) {
      const placeholders = value.values.map((v, j) => {
        values[`:e${i}_${j}`] = v;
        return `:e${i}_${j}`;
      });
      return `#e${i} IN (${placeholders.join(", ")})`;
    }
    values[`:e${i}`] = value;
    return `#e${i} = :e${i}`;
  });
  return { expression: ["attribute_exists(pk)", ...clauses].join(" AND "), names, values };
}
