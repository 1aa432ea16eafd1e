import { beforeAll, describe, expect, it } from "vitest";
import { contractKey } from "../../../lib/entities/contract.js";
import { deleteIf, getItem } from "../../../lib/store/ops.js";
import { tenderReferenceKey } from "../../../lib/entities/tender-reference.js";
import { backfillTenderReferences } from "../../../lib/tenders/tender-references.js";
import { call, clock, DEMO, type DemoTokens, newKey, seedDemo, tokenFor } from "../../support/api.js";
import { tenderBody } from "./support.js";

/** Tenders found by their reference (`GET /v1/tenders?reference=`), and the demo ids `npm start` prints. */

let tokens: DemoTokens;
beforeAll(async () => {
  tokens = await seedDemo();
});

const byReference = (reference: string, token: string, limit = 50) =>
  call("GET", `/v1/tenders?reference=${encodeURIComponent(reference)}&limit=${limit}`, { token });

const createDraft = async (reference: string, token = tokens.officer) => {
  const created = await call("POST", "/v1/tenders", {
    token,
    body: tenderBody(clock.now(), { reference }),
    idempotencyKey: newKey(),
  });
  expect(created.status).toBe(201);
  return created.body;
};

describe("demo ids", () => {
  it("a fresh seed has the tender and contract ids of DEMO (printed by npm start, used in the README)", async () => {
    const tender = await call("GET", `/v1/tenders/${DEMO.tender.id}`, { token: tokens.officer });
    expect(tender.status).toBe(200);
    expect(tender.body.reference).toBe(DEMO.tender.reference);
    const contract = await getItem<{ reference: string }>(contractKey(DEMO.contract.id));
    expect(contract?.reference).toBe(DEMO.contract.reference);
  });
});

describe("GET /v1/tenders?reference=", () => {
  it("finds the demo tender by its reference, for its officer and (published) for suppliers", async () => {
    const officer = await byReference(DEMO.tender.reference, tokens.officer);
    expect(officer.status).toBe(200);
    expect(officer.body.items.map((t: any) => t.id)).toEqual([DEMO.tender.id]);
    expect(officer.body.items[0]).toMatchObject({ reference: DEMO.tender.reference, phase: "evaluated" });
    const supplier = await byReference(DEMO.tender.reference, tokens.supplier);
    expect(supplier.body.items.map((t: any) => t.id)).toEqual([DEMO.tender.id]);
  });

  it("shows nothing of another municipality's tenders, nor of unknown references", async () => {
    const deventer = await tokenFor("officer", DEMO.municipalities[1]);
    expect((await byReference(DEMO.tender.reference, deventer)).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await byReference("NO-SUCH-REF", tokens.officer)).body).toEqual({ items: [], nextCursor: null });
    // A draft is the buyer's only.
    await createDraft("ZW-LOOKUP-DRAFT");
    expect((await byReference("ZW-LOOKUP-DRAFT", tokens.supplier)).body.items).toEqual([]);
  });

  it("is a key lookup: the oldest of many tenders comes on the first page of one", async () => {
    const first = await createDraft("ZW-LOOKUP-OLDEST");
    for (const n of [1, 2, 3]) await createDraft(`ZW-LOOKUP-NEWER-${n}`);
    const list = await call("GET", "/v1/tenders?limit=1", { token: tokens.officer });
    expect(list.body.items[0].id).not.toBe(first.id);
    const found = await byReference("ZW-LOOKUP-OLDEST", tokens.officer, 1);
    expect(found.body.items.map((t: any) => t.id)).toEqual([first.id]);
  });

  it("follows a draft's new reference and forgets the old one", async () => {
    const draft = await createDraft("ZW-LOOKUP-OLD");
    const renamed = await call("PATCH", `/v1/tenders/${draft.id}`, {
      token: tokens.officer,
      body: { reference: "ZW-LOOKUP-NEW", version: draft.version },
    });
    expect(renamed.status).toBe(200);
    expect((await byReference("ZW-LOOKUP-OLD", tokens.officer)).body.items).toEqual([]);
    expect((await byReference("ZW-LOOKUP-NEW", tokens.officer)).body.items.map((t: any) => t.id)).toEqual([
      draft.id,
    ]);
  });

  it("finds tenders stored before the lookup existed once the backfill ran (idempotent)", async () => {
    const draft = await createDraft("ZW-LOOKUP-BEFORE");
    // As stored by the code before reference pointers: no pointer item.
    expect(await deleteIf(tenderReferenceKey("ZW-LOOKUP-BEFORE", draft.id))).toBe(true);
    expect((await byReference("ZW-LOOKUP-BEFORE", tokens.officer)).body.items).toEqual([]);
    expect(await backfillTenderReferences()).toBe(1);
    expect(await backfillTenderReferences()).toBe(0);
    expect((await byReference("ZW-LOOKUP-BEFORE", tokens.officer)).body.items.map((t: any) => t.id)).toEqual([
      draft.id,
    ]);
  });
});
