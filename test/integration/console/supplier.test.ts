import { beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../../lib/console/i18n.js";
import { call, DEMO, type DemoTokens, newKey, useClock } from "../../support/api.js";
import { seedDemoWithRules } from "../../support/demo-server.js";
import { type ConsoleVisitor, openTender, signInAs } from "./supplier-support.js";
import { textOf } from "./support.js";

const NOW = new Date("2026-03-02T09:00:00Z");
useClock(NOW);

const SUPPLIER = DEMO.suppliers[1]; // Groenwerk Twente: no bid on the demo tender, so each case starts clean
const CONTRACT = DEMO.contract.id; // Zwolle's contract with IJsselbouw

let tokens: DemoTokens;
let tenderId: string;
let visitor: ConsoleVisitor;

beforeAll(async () => {
  tokens = await seedDemoWithRules(NOW, "console-supplier");
  tenderId = await openTender(tokens.officer, "ZW-CONSOLE-SUP-1");
  visitor = await signInAs("supplier", SUPPLIER);
});

const bidForm = (fields: Record<string, string>) => ({ _idempotency: newKey(), lotId: "1", ...fields });

describe("supplier console: tenders and bids", () => {
  it("lists the tender open to the supplier with a link to bid, and not the demo tender past its deadline", async () => {
    const page = await visitor.get("/console/supplier/tenders");
    expect(page.status).toBe(200);
    expect(page.html).toContain(`href="/console/supplier/tenders/${tenderId}"`);
    expect(textOf(page.html)).toContain("ZW-CONSOLE-SUP-1");
    expect(page.html).not.toContain(DEMO.tender.id);
  });

  it("values the offer lines with the API's valuation when the supplier asks, without script", async () => {
    const lines = [{ blockId: "register", fte: 1, months: 12 }];
    const expected = await call("POST", "/v1/sroi/valuate", {
      token: tokens.supplier,
      body: { catalogue: { id: "oost-nederland", version: await pinnedVersion() }, lines },
    });
    const page = await visitor.post(
      `/console/supplier/tenders/${tenderId}/bid`,
      bidForm({
        price: "1.900.000",
        "lines.0.blockId": "register",
        "lines.0.fte": "1",
        "lines.0.months": "12",
        _action: "valuate",
      }),
    );
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(formatMoney(Math.round(expected.body.total.amount * 100), "nl"));
    expect(text).toContain(expected.body.lines[0].formula);
    // What was typed stays in the form.
    expect(page.html).toMatch(/name="price"[^>]*value="1.900.000"/);
  });

  it("answers the script with the same valuation as a fragment", async () => {
    const fragment = await visitor.post(`/console/supplier/tenders/${tenderId}/offer-value`, {
      price: "100000",
      "lines.1.blockId": "register",
      "lines.1.months": "6",
      "lines.1.fte": "0,5",
    });
    expect(fragment.status).toBe(200);
    expect(fragment.headers["content-type"]).toContain("text/html");
    expect(fragment.html).not.toContain("<html");
    expect(fragment.html).toContain("<caption");
    // The row number is the form's: line 2.
    expect(textOf(fragment.html)).toMatch(/ 2 /);
  });

  it("shows the API's refusal next to the field it names, keeping what was typed", async () => {
    const page = await visitor.post(
      `/console/supplier/tenders/${tenderId}/bid`,
      bidForm({
        price: "",
        "lines.0.blockId": "register",
        "lines.0.fte": "3",
        "lines.0.months": "12",
        _action: "submit",
      }),
    );
    expect(page.status).toBe(400);
    expect(page.html).toContain('href="#field-price"');
    expect(page.html).toContain('href="#field-lines-0-fte"');
    expect(page.html).toMatch(/id="field-lines-0-fte"[^>]*aria-invalid="true"/);
    expect(page.html).toMatch(/name="lines.0.fte"[^>]*value="3"/);
    const bids = await call("GET", `/v1/tenders/${tenderId}/bids`, { token: await supplierToken() });
    expect(bids.body.items).toEqual([]);
  });

  it("submits, changes and withdraws a bid through the form; a double submit stores one bid", async () => {
    const form = bidForm({
      price: "1.850.000,50",
      psoLevel: "trede-2",
      "lines.0.blockId": "register",
      "lines.0.fte": "1",
      "lines.0.months": "24",
      _action: "submit",
    });
    const first = await visitor.post(`/console/supplier/tenders/${tenderId}/bid`, form);
    expect(first.status).toBe(303);
    expect(first.location).toContain(`/console/supplier/tenders/${tenderId}?notice=`);
    const again = await visitor.post(`/console/supplier/tenders/${tenderId}/bid`, form);
    expect(again.status).toBe(303);
    const token = await supplierToken();
    const stored = await call("GET", `/v1/tenders/${tenderId}/bids`, { token });
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0].version).toBe(1);
    expect(stored.body.items[0].content).toMatchObject({
      price: { amount: 1_850_000.5 },
      psoLevel: "trede-2",
      socialReturnOffer: [{ blockId: "register", fte: 1, months: 24 }],
    });

    const shown = await visitor.get(first.location!);
    expect(shown.html).toMatch(/name="price"[^>]*value="1.850.000,5"/);
    expect(textOf(shown.html)).toContain("Inschrijving wijzigen");
    expect(shown.html).toContain('name="bidVersion" value="1"');
    const bids = await visitor.get("/console/supplier/bids");
    expect(textOf(bids.html)).toContain("ZW-CONSOLE-SUP-1");

    const changed = await visitor.post(
      `/console/supplier/tenders/${tenderId}/bid`,
      bidForm({
        bidVersion: "1",
        price: "1.800.000",
        "lines.0.blockId": "register",
        "lines.0.fte": "1",
        "lines.0.months": "24",
        _action: "submit",
      }),
    );
    expect(changed.status).toBe(303);
    // A form read before that change (version 1 again) is refused, not applied over it.
    const stale = await visitor.post(
      `/console/supplier/tenders/${tenderId}/bid`,
      bidForm({ bidVersion: "1", price: "1.700.000", _action: "submit" }),
    );
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('role="alert"');
    const replaced = await call("GET", `/v1/tenders/${tenderId}/bids`, { token });
    expect(replaced.body.items[0]).toMatchObject({ version: 2, content: { price: { amount: 1_800_000 } } });

    const withdrawn = await visitor.post(`/console/supplier/tenders/${tenderId}/withdraw`, { lotId: "1" });
    expect(withdrawn.status).toBe(303);
    const after = await call("GET", `/v1/tenders/${tenderId}/bids`, { token });
    expect(after.body.items[0].status).toBe("withdrawn");
  });

  it("adds an offer line on request", async () => {
    const page = await visitor.post(
      `/console/supplier/tenders/${tenderId}/bid`,
      bidForm({ "lines.0.blockId": "", "lines.1.blockId": "", "lines.2.blockId": "", _action: "add-line" }),
    );
    expect(page.html).toContain('name="lines.3.blockId"');
    expect(page.html).not.toContain('name="lines.4.blockId"');
  });

  it("values the offer when Enter is pressed in a field: that is the bid form's first button", async () => {
    const page = await visitor.get(`/console/supplier/tenders/${tenderId}`);
    const form = /<form[^>]*action="[^"]*\/bid"[^>]*>([\s\S]*?)<\/form>/.exec(page.html)?.[1] ?? "";
    const buttons = [...form.matchAll(/<button[^>]*value="([^"]+)"/g)].map((b) => b[1]);
    expect(buttons).toEqual(["valuate", "add-line", "submit"]);
  });

  it("is the supplier's alone", async () => {
    const officer = await signInAs("officer", DEMO.municipalities[0]);
    expect((await officer.get("/console/supplier/tenders")).status).toBe(403);
  });
});

describe("supplier console: realisation", () => {
  let ijsselbouw: ConsoleVisitor;
  beforeAll(async () => {
    ijsselbouw = await signInAs("supplier", DEMO.suppliers[0]);
  });

  it("lists the supplier's contracts on its home with a link to report realisation", async () => {
    const home = await ijsselbouw.get("/console/");
    expect(home.status).toBe(200);
    expect(home.html).toContain(`href="/console/supplier/contracts/${CONTRACT}"`);
    const page = await ijsselbouw.get(`/console/supplier/contracts/${CONTRACT}`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain("IJB-001");
  });

  it("reports an entry through the form and shows the API's refusal next to its field", async () => {
    const path = `/console/supplier/contracts/${CONTRACT}/entries/new`;
    const form = {
      _idempotency: newKey(),
      blockId: "work-experience",
      candidateRef: "CON-101",
      startDate: "2026-01-05",
      endDate: "2026-01-30",
      period: "2026-01",
      evidence: "contract CON-101\nloonstrook januari",
    };
    const refused = await ijsselbouw.post(path, { ...form, _idempotency: newKey(), period: "januari" });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('href="#field-period"');
    const stored = await ijsselbouw.post(path, form);
    expect(stored.status).toBe(303);
    expect(stored.location).toContain(`/console/supplier/contracts/${CONTRACT}?notice=`);
    const entries = await call("GET", `/v1/contracts/${CONTRACT}/entries?limit=500`, {
      token: tokens.supplier,
    });
    expect(
      entries.body.items.find((e: { candidateRef: string }) => e.candidateRef === "CON-101"),
    ).toMatchObject({
      status: "submitted",
      evidence: ["contract CON-101", "loonstrook januari"],
    });
  });

  it("uploads a CSV file and shows a result per row", async () => {
    const csv = [
      "blockId,candidateRef,startDate,endDate,period",
      "work-experience,CSV-201,2026-01-05,2026-01-30,2026-01",
      "work-experience,CSV-202,2026-01-05,2026-01-30,2026-01",
    ].join("\n");
    const page = await ijsselbouw.upload(
      `/console/supplier/contracts/${CONTRACT}/entries/upload`,
      { _idempotency: newKey() },
      { name: "file", filename: "januari.csv", text: `\uFEFF${csv}` },
    );
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("2 meldingen zijn opgeslagen");
    expect(page.html.match(/<tr class="utrecht-table__row">/g)).toHaveLength(3); // header + 2 rows
  });

  it("shows every refused row of an upload and stores nothing", async () => {
    const csv = [
      "blockId,candidateRef,startDate,endDate,period,fte",
      "work-experience,CSV-301,2026-01-05,2026-01-30,2026-01,0.5",
      "work-experience,CSV-302,2026-01-05,2026-01-30,2026-01,7",
    ].join("\n");
    const before = await call("GET", `/v1/contracts/${CONTRACT}/entries?limit=500`, {
      token: tokens.supplier,
    });
    const page = await ijsselbouw.upload(
      `/console/supplier/contracts/${CONTRACT}/entries/upload`,
      { _idempotency: newKey() },
      { name: "file", filename: "fout.csv", text: csv },
    );
    expect(page.status).toBe(422);
    expect(textOf(page.html)).toMatch(/Geweigerde regels.* 3 fte /);
    const after = await call("GET", `/v1/contracts/${CONTRACT}/entries?limit=500`, {
      token: tokens.supplier,
    });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it("asks for a file when none was chosen", async () => {
    const page = await ijsselbouw.upload(
      `/console/supplier/contracts/${CONTRACT}/entries/upload`,
      { _idempotency: newKey() },
      { name: "file", filename: "", text: "" },
    );
    expect(page.status).toBe(400);
    expect(page.html).toContain('href="#field-file"');
  });

  it("shows the statement across buyers of the region", async () => {
    const page = await ijsselbouw.get("/console/supplier/statement?from=2025-01&to=2026-02");
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("Per opdrachtgever");
    expect(text).toContain("ZW-DEMO-SROI-001");
    expect(text).toContain("DV-DEMO-SROI-002");
    const refused = await ijsselbouw.get("/console/supplier/statement?from=2026-05&to=2026-01");
    expect(refused.status).toBe(400);
  });
});

async function pinnedVersion(): Promise<string> {
  const tender = await call("GET", `/v1/tenders/${tenderId}`, { token: tokens.officer });
  return tender.body.published.tables.find((t: { kind: string }) => t.kind === "sroi-catalogue").version;
}

async function supplierToken(): Promise<string> {
  const { tokenFor } = await import("../../support/api.js");
  return tokenFor("supplier", SUPPLIER, `demo-supplier-${SUPPLIER}`);
}
