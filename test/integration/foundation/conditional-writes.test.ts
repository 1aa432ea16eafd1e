import { describe, expect, it } from "vitest";
import { addCountersIf } from "../../../lib/store/counters.js";
import { deleteIf, getItem, putIfAbsent, setIf } from "../../../lib/store/ops.js";

// The single-item conditional writes that replace transactions (dynalite has none).
const key = (name: string) => ({ pk: `conditional-writes/${name}`, sk: "item" });

describe("conditional single-item writes", () => {
  it("setIf writes only when every expected field matches, never to a missing item", async () => {
    await putIfAbsent({ ...key("set"), status: "submitted" });
    expect(await setIf(key("set"), { status: "accepted" }, { status: "rejected" })).toBe(false);
    expect(await setIf(key("set"), { status: "accepted" }, { status: "submitted" })).toBe(true);
    expect(await getItem(key("set"))).toMatchObject({ status: "accepted" });
    expect(await setIf(key("missing"), { status: "x" })).toBe(false);
    expect(await getItem(key("missing"))).toBeUndefined();
  });

  it("deleteIf removes only the version it read", async () => {
    await putIfAbsent({ ...key("delete"), version: 2 });
    expect(await deleteIf(key("delete"), { version: 1 })).toBe(false);
    expect(await getItem(key("delete"))).toBeDefined();
    expect(await deleteIf(key("delete"), { version: 2 })).toBe(true);
    expect(await getItem(key("delete"))).toBeUndefined();
    expect(await deleteIf(key("delete"))).toBe(false);
  });

  it("addCountersIf adds when the expectation holds; an undefined value means the field is absent", async () => {
    await putIfAbsent({ ...key("counters"), total: 5 });
    expect(await addCountersIf(key("counters"), { total: 1 }, {}, { writes: undefined })).toMatchObject({
      total: 6,
    });
    expect(await addCountersIf(key("counters"), { total: 1, writes: 1 }, {}, { total: 6 })).toMatchObject({
      total: 7,
      writes: 1,
    });
    expect(await addCountersIf(key("counters"), { total: 100 }, {}, { writes: undefined })).toBeUndefined();
    expect(await getItem(key("counters"))).toMatchObject({ total: 7, writes: 1 });
  });
});
