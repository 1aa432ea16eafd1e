import { describe, expect, it } from "vitest";
import { inLang } from "../../../lib/console/i18n.js";
import { officer } from "../../../lib/console/officer/messages.js";
import { clock, DEMO, newKey } from "../../support/api.js";
import { tenderBody } from "../tenders/support.js";
import { useDemoServer } from "../../support/demo-server.js";

/**
 * The officer's tender pages over the local server without a browser: what the API refuses comes
 * back at the form's fields, the what-if fragment, the overview's counts, and the demo tender's
 * evaluation with its explained corrections.
 */

const server = useDemoServer(new Date("2026-04-06T08:00:00Z"), "console-officer-pages");
const m = inLang(officer, "nl");

/** Signs in through the development sign-in as a demo identity (its index in the list). */
async function session(identity: number) {
  const response = await fetch(`${server.url}/console/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ identity: String(identity), returnTo: "/console/" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-ip-session="))!;
  const value = cookie.split(";")[0]!;
  const home = await (
    await fetch(`${server.url}/console/tenders/new`, { headers: { cookie: value } })
  ).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? "";
  const get = (path: string) =>
    fetch(`${server.url}${path}`, { headers: { cookie: value }, redirect: "manual" });
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: value, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, ...form }),
    });
  return { get, post };
}

const OFFICER = 0;
const SUPPLIER = 3;
const decode = (html: string) =>
  html
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

const MODEL = {
  "awardModel.method": "weighted-points",
  "awardModel.price.formula": "relative-lowest",
  "awardModel.price.maxPoints": "40",
  "awardModel.criteria.0.name": "Plan",
  "awardModel.criteria.0.maxPoints": "60",
};

describe("the officer's tender pages", () => {
  it("are the officer's only: a supplier gets the no-access page", async () => {
    const supplier = await session(SUPPLIER);
    expect((await supplier.get("/console/tenders/new")).status).toBe(403);
    expect((await supplier.get(`/console/tenders/${DEMO.tender.id}`)).status).toBe(403);
  });

  it("shows the API's refusal of a draft at the fields, with what was typed", async () => {
    const { post } = await session(OFFICER);
    const response = await post("/console/tenders/new", {
      ...MODEL,
      _action: "save",
      reference: "ZW-2026-200",
      title: "",
      cpvCode: "45233140",
      estimatedValue: "1.000.000",
      contractType: "works",
      "contractPeriod.startDate": "2026-07-01",
      "contractPeriod.endDate": "2027-06-30",
      submissionDeadline: "2026-05-01T12:00",
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('href="#field-title"');
    expect(html).toMatch(/id="field-title"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="ZW-2026-200"');
  });

  it("runs the what-if: a sample bid's bad price at its field, else the ranking with the warnings in plain words", async () => {
    const { post } = await session(OFFICER);
    const refused = await post("/console/tenders/new", {
      ...MODEL,
      _action: "simulate",
      "whatIf.bids.1.price": "-5",
      "whatIf.bids.1.scores.0": "7",
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/id="field-whatIf-bids-1-price"[^>]*aria-invalid="true"/);

    const fragment = await post("/console/tenders/what-if", {
      ...MODEL,
      "whatIf.bids.0.price": "1.000.000",
      "whatIf.bids.0.scores.0": "5",
      "whatIf.bids.1.price": "1.200.000",
      "whatIf.bids.1.scores.0": "9",
    });
    expect(fragment.status).toBe(200);
    expect(fragment.headers.get("content-type")).toContain("text/html");
    const html = decode(await fragment.text());
    expect(html).not.toContain("<html");
    expect(html).toContain(m.rankingCaption);
    expect(html).toContain(m.warnRelative);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Inschrijving B:/);
  });

  it("gives the overview of what needs action and the contracts behind on social return", async () => {
    const { get } = await session(OFFICER);
    const html = decode(await (await get("/console/")).text());
    expect(html).toContain(m.todoToAward(1));
    expect(html).toContain(DEMO.tender.reference);
    expect(html).toContain(m.contractsCaption);
    expect(html).toContain("ZW-DEMO-SROI-004");
  });

  it("explains the demo tender's evaluation: every correction with its formula and source", async () => {
    const { get } = await session(OFFICER);
    const response = await get(`/console/tenders/${DEMO.tender.id}/lots/1/evaluation`);
    expect(response.status).toBe(200);
    const html = decode(await response.text());
    expect(html).toContain(m.bidsRankingCaption);
    expect(html).toContain(m.breakdownTitle);
    expect(html).toMatch(/Bron: [^<]+/);
    expect(html).toContain(m.recordIntended);
  });

  it("edits a draft with the version read, its fields filled from the stored tender", async () => {
    const created = await server.api("/v1/tenders", {
      method: "POST",
      token: server.tokens.officer,
      json: tenderBody(clock.now(), { reference: "ZW-2026-300" }),
      headers: { "idempotency-key": newKey() },
    });
    const id = created.body.id as string;
    const { get, post } = await session(OFFICER);
    const form = decode(await (await get(`/console/tenders/${id}/edit`)).text());
    expect(form).toContain('name="version" value="1"');
    expect(form).toContain('value="Plan van aanpak"');
    const fields = Object.fromEntries(
      [...form.matchAll(/<input[^>]*name="([^"_][^"]*)"[^>]*value="([^"]*)"/g)].map((f) => [f[1]!, f[2]!]),
    );
    const saved = await post(`/console/tenders/${id}/edit`, {
      ...fields,
      contractType: "works",
      "awardModel.method": "weighted-points",
      "awardModel.price.formula": "absolute-linear",
      title: "Reconstructie Stationsweg Zwolle, fase 2",
      _action: "save",
    });
    expect(saved.status).toBe(303);
    const stored = await server.api(`/v1/tenders/${id}`, { token: server.tokens.officer });
    expect(stored.body).toMatchObject({ version: 2, title: "Reconstructie Stationsweg Zwolle, fase 2" });
    expect(stored.body.awardModel.criteria.map((c: { id: string }) => c.id)).toEqual(["plan", "climate"]);
  });
});
