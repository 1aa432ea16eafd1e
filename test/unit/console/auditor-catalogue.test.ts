import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BlockBody,
  blockChanges,
  catalogueFieldOf,
  catalogueFormValues,
  catalogueFromForm,
  validateCatalogueBody,
} from "../../../lib/console/auditor/catalogue-values.js";

const blocks: BlockBody[] = [
  { id: "pwet", kind: "employment", targetGroup: "Participatiewet", perYear: 30000, maxMonths: 24 },
  { id: "stage", kind: "placement", perMonth: 400 },
  { id: "inkoop", kind: "purchase", factor: 0.1 },
];
const catalogue = {
  id: "oost-nederland",
  version: "V05",
  name: "Oost",
  source: "Regionaal beleid",
  incomplete: false,
  effectiveFrom: "2026-01-01",
  blocks,
};

const block = fc.record({
  id: fc.constantFrom("a", "b", "c", "d", "e"),
  kind: fc.constant("hours" as const),
  perHour: fc.integer({ min: 0, max: 100 }),
});
const uniqueBlocks = fc.uniqueArray(block, { selector: (b) => b.id, maxLength: 5 });

describe("the building blocks a catalogue preview shows", () => {
  it("names an added, a changed and a removed block with their before and after", () => {
    const next: BlockBody[] = [
      { ...blocks[0]!, perYear: 32000 },
      blocks[2]!,
      { id: "uren", kind: "hours", perHour: 25 },
    ];
    expect(blockChanges(blocks, next)).toEqual([
      { id: "pwet", before: blocks[0], after: next[0] },
      { id: "uren", before: undefined, after: next[2] },
      { id: "stage", before: blocks[1] },
    ]);
  });

  it("treats an absent and a null maximum alike, and ignores the order of a block's fields", () => {
    const { maxMonths: _, ...noMax } = blocks[0]!;
    expect(blockChanges([{ ...noMax, maxMonths: null }], [{ ...noMax }])).toEqual([]);
    expect(blockChanges([{ perYear: 30000, ...noMax }], [noMax])).toEqual([]);
  });

  it("lists exactly the ids whose blocks differ, each once", () => {
    fc.assert(
      fc.property(uniqueBlocks, uniqueBlocks, (before, after) => {
        expect(blockChanges(before, before)).toEqual([]);
        const ids = blockChanges(before, after).map((c) => c.id);
        const differing = [...new Set([...before, ...after].map((b) => b.id))].filter((id) => {
          const a = before.find((b) => b.id === id);
          const b = after.find((x) => x.id === id);
          return !a || !b || a.perHour !== b.perHour;
        });
        expect(ids.sort()).toEqual(differing.sort());
      }),
    );
  });
});

describe("the catalogue form", () => {
  it("gives back the version it was filled from, in either language", () => {
    for (const lang of ["nl", "en"] as const) {
      const { body } = catalogueFromForm(catalogueFormValues(catalogue, lang), lang);
      expect(body).toEqual(catalogue);
    }
  });

  it("leaves out a removed row and an empty row, and maps errors back to the rows they came from", () => {
    const values = {
      ...catalogueFormValues(catalogue, "nl"),
      "blocks.1.remove": "true",
      "blocks.2.rate": "veel",
      "blocks.3.id": "",
      "blocks.3.kind": "employment",
    };
    const { body, rows } = catalogueFromForm(values, "nl");
    expect((body.blocks as BlockBody[]).map((b) => b.id)).toEqual(["pwet", "inkoop"]);
    expect(rows).toEqual([0, 2]);
    const checked = validateCatalogueBody(body, rows);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.map((e) => e.field)).toEqual(["blocks.2.rate"]);
    expect(catalogueFieldOf("body.blocks.1.perMonth", rows)).toBe("blocks.2.rate");
    expect(catalogueFieldOf("version", rows)).toBe("version");
  });

  it("adds a block typed in the empty row, its rate in the field its kind uses", () => {
    const values = {
      ...catalogueFormValues(catalogue, "nl"),
      "blocks.3.id": "uren",
      "blocks.3.kind": "hours",
      "blocks.3.rate": "25,50",
    };
    const { body, rows } = catalogueFromForm(values, "nl");
    const checked = validateCatalogueBody(body, rows);
    expect(checked.ok && checked.body.blocks.at(-1)).toEqual({ id: "uren", kind: "hours", perHour: 25.5 });
  });

  it("checks the catalogue's own rules: a kind's rate is required", () => {
    const values = { ...catalogueFormValues(catalogue, "en"), "blocks.0.rate": "" };
    const { body, rows } = catalogueFromForm(values, "en");
    const checked = validateCatalogueBody(body, rows);
    expect(!checked.ok && checked.errors).toEqual([
      { field: "blocks.0.rate", message: "required for kind employment" },
    ]);
  });
});
