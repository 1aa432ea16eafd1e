import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { call, DEMO, seedDemo, useClock } from "../../support/api.js";
import { consoleVisitor, formValues, hiddenValue, openAs, textOf, type Visitor } from "./support.js";

/**
 * Publishing a catalogue version from the auditor's console over the API's own handlers on dynalite:
 * the form starts from the latest version's blocks, the preview shows the blocks that change and
 * publishes nothing, publishing sends exactly what was previewed (once), and the API's refusals
 * come back at their fields.
 */

useClock(new Date("2026-07-03T10:00:00Z"));
const tokens = await seedDemo();
const CATALOGUE = DEMO.region;
const base = `/console/rules/catalogues/${CATALOGUE}/versions`;

const auditor = () => consoleVisitor("auditor", DEMO.regionBody);

/** The fields of the new-version form as the page fills them, with some changed. */
async function catalogueForm(who: Visitor, changes: Record<string, string>) {
  const page = await openAs(who, `${base}/new`);
  expect(page.status).toBe(200);
  const values = formValues(page.html);
  return { ...values, ...changes };
}

async function versions() {
  const res = await call("GET", `/v1/sroi/catalogues/${CATALOGUE}/versions`, { token: tokens.auditor });
  expect(res.status).toBe(200);
  return res.body.items as {
    version: string;
    effectiveFrom: string;
    blocks: { id: string; perYear?: number; perHour?: number }[];
  }[];
}

describe("publishing a catalogue version", () => {
  it("starts from the latest blocks, previews the blocks that change, then publishes exactly that, once", async () => {
    const who = await auditor();
    const before = await versions();
    const latest = before.at(-1)!;
    const label = `T-${randomUUID().slice(0, 8)}`;
    const form = await catalogueForm(who, {
      version: label,
      effectiveFrom: "2027-01-01",
      "blocks.0.rate": "31.000",
      "blocks.1.remove": "true",
      [`blocks.${latest.blocks.length}.id`]: "uren-test",
      [`blocks.${latest.blocks.length}.kind`]: "hours",
      [`blocks.${latest.blocks.length}.rate`]: "25,50",
    });
    expect(form[`blocks.${latest.blocks.length - 1}.id`]).toBe(latest.blocks.at(-1)!.id);

    const preview = await openAs(who, `${base}/preview`, { ...form, _action: "preview" });
    expect(preview.status).toBe(200);
    const table = textOf(preview.html.slice(preview.html.indexOf("<table")));
    expect(table).toContain(`${latest.blocks[0]!.id} gewijzigd`);
    expect(table).toMatch(/€ 30\.000,00 per jaar.*€ 31\.000,00 per jaar/);
    expect(table).toContain(`${latest.blocks[1]!.id} verwijderd`);
    expect(table).toContain("uren-test toegevoegd");
    expect(table).not.toContain(latest.blocks[2]!.id);
    expect(await versions()).toHaveLength(before.length);

    const confirm = {
      _action: "publish",
      _catalogue: hiddenValue(preview.html, "_catalogue"),
      _base: hiddenValue(preview.html, "_base"),
      _idempotency: hiddenValue(preview.html, "_idempotency"),
    };
    const published = await openAs(who, `${base}/publish`, confirm);
    expect(published.status).toBe(303);
    expect(published.location).toBe(`/console/rules/catalogues/${CATALOGUE}/${label}?notice=published`);
    expect(await openAs(who, `${base}/publish`, confirm)).toMatchObject({ location: published.location });
    const after = await versions();
    expect(after).toHaveLength(before.length + 1);
    const mine = after.find((v) => v.version === label)!;
    expect(mine.blocks.map((b) => b.id)).toEqual([
      latest.blocks[0]!.id,
      ...latest.blocks.slice(2).map((b) => b.id),
      "uren-test",
    ]);
    expect(mine.blocks[0]!.perYear).toBe(31000);
    expect(mine.blocks.at(-1)!.perHour).toBe(25.5);
    const page = await openAs(who, published.location);
    expect(textOf(page.html)).toContain(`Versie ${label} van de catalogus is gepubliceerd.`);
  });

  it("shows a wrong rate at its block's field and publishes nothing", async () => {
    const who = await auditor();
    const count = (await versions()).length;
    const form = await catalogueForm(who, { version: "T-wrong", "blocks.0.rate": "veel" });
    const page = await openAs(who, `${base}/preview`, { ...form, _action: "preview" });
    expect(page.status).toBe(400);
    expect(page.html).toContain('href="#field-blocks-0-rate"');
    expect(page.html).toMatch(/id="field-blocks-0-rate"[^>]*aria-invalid="true"/);
    expect(await versions()).toHaveLength(count);
  });

  it("adds an empty row without script, keeping what was typed", async () => {
    const who = await auditor();
    const form = await catalogueForm(who, { version: "T-rows", "blocks.0.rate": "12.345" });
    const rows = Object.keys(form).filter((k) => /^blocks\.\d+\.id$/.test(k)).length;
    const page = await openAs(who, `${base}/preview`, { ...form, _action: "add" });
    expect(page.status).toBe(200);
    expect(page.html.match(/name="blocks\.\d+\.id"/g)).toHaveLength(rows + 1);
    expect(page.html).toContain('value="12.345"');
  });

  it("shows the API's refusal at its field: another version already starts on that day", async () => {
    const who = await auditor();
    const taken = (await versions())[0]!;
    const count = (await versions()).length;
    const form = await catalogueForm(who, {
      version: `T-${randomUUID().slice(0, 8)}`,
      effectiveFrom: taken.effectiveFrom,
    });
    const preview = await openAs(who, `${base}/preview`, { ...form, _action: "preview" });
    expect(preview.status).toBe(200);
    const refused = await openAs(who, `${base}/publish`, {
      _action: "publish",
      _catalogue: hiddenValue(preview.html, "_catalogue"),
      _base: hiddenValue(preview.html, "_base"),
      _idempotency: hiddenValue(preview.html, "_idempotency"),
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="field-effectiveFrom"[^>]*aria-invalid="true"/);
    expect(textOf(refused.html)).toContain("another version already starts on");
    expect(await versions()).toHaveLength(count);
  });

  it("is the auditor's: an officer is refused", async () => {
    const page = await openAs(await consoleVisitor("officer", DEMO.municipalities[0]), `${base}/new`);
    expect(page.status).toBe(403);
  });
});
