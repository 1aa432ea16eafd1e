import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, inLang } from "../../../lib/console/i18n.js";
import { officer } from "../../../lib/console/officer/messages.js";
import { createSession, SESSION_COOKIE } from "../../../lib/console/session.js";
import { clock, DEMO, newKey, tokenFor } from "../../support/api.js";
import { evaluatedTender, useDemoServer } from "../../support/demo-server.js";
import { eur, tenderBody } from "../tenders/support.js";

/**
 * The officer's procedure fields and lots in the wizard, a publication refused at the draft's field,
 * cancelling with a reason, and score corrections proposed by one officer and approved by a second:
 * each through the API's own routes, over the local server without a browser.
 */

const START = new Date("2026-06-01T08:00:00Z");
const server = useDemoServer(START, "console-officer-more");
const m = inLang(officer, "nl");
const [s1, s2, s3] = DEMO.suppliers;

const decode = (html: string) =>
  html
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** A console session for an officer of Zwolle (`sub`), made the way a sign-in makes one. */
async function session(sub = "demo-officer-gm-zwolle") {
  const token = await tokenFor("officer", DEMO.municipalities[0], sub);
  const made = await createSession(
    { sub, role: "officer", org: DEMO.municipalities[0] },
    // Sessions live in real time; the API's clock is the test's.
    { token, tokenExpiresAt: Math.floor(Date.now() / 1000) + 3600 },
    new Date(),
  );
  const cookie = `${SESSION_COOKIE}=${made.id}`;
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: "manual" });
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: decode(await response.text()),
    };
  };
  const post = async (path: string, form: Record<string, string>) => {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: made.csrf, ...form }),
    });
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: decode(await response.text()),
    };
  };
  return { get, post, token };
}

const DETAILS = {
  _action: "save",
  title: "Groenonderhoud in percelen",
  cpvCode: "77310000-6",
  contractType: "services",
  "contractPeriod.startDate": "2026-09-01",
  "contractPeriod.endDate": "2027-08-31",
  submissionDeadline: "2026-07-01T12:00",
  "awardModel.method": "weighted-points",
  "awardModel.price.formula": "relative-lowest",
  "awardModel.price.maxPoints": "40",
  "awardModel.criteria.0.name": "Plan van aanpak",
  "awardModel.criteria.0.maxPoints": "60",
};

const invalid = (html: string, field: string) =>
  new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`).test(html);

describe("the officer's wizard: procedure and lots", () => {
  it("saves the procedure, the standstill, the Algemene termijnenwet, the bid-price disclosure and lots with their own award model", async () => {
    const { post, get, token } = await session();
    const saved = await post("/console/tenders/new", {
      ...DETAILS,
      _idempotency: newKey(),
      reference: "ZW-2026-LOTS",
      procedure: "restricted",
      standstillDays: "25",
      algemeneTermijnenwet: "false",
      publishBidPrices: "true",
      "lots.0.title": "Perceel Noord",
      "lots.0.estimatedValue": "400.000",
      "lots.1.id": "zuid",
      "lots.1.title": "Perceel Zuid",
      "lots.1.estimatedValue": "350.000,50",
      "lots.1.ownModel": "true",
      "lots.1.awardModel.method": "weighted-points",
      "lots.1.awardModel.price.formula": "absolute-linear",
      "lots.1.awardModel.price.maxPoints": "50",
      "lots.1.awardModel.price.bounds.min": "200.000",
      "lots.1.awardModel.price.bounds.max": "500.000",
      "lots.1.awardModel.criteria.0.name": "Biodiversiteit",
      "lots.1.awardModel.criteria.0.maxPoints": "50",
      maxLotsPerSupplier: "1",
    });
    expect(saved.status, `${saved.location} ${saved.html.slice(0, 3000)}`).toBe(303);
    const id = /\/console\/tenders\/([^?]+)/.exec(saved.location!)![1]!;
    const stored = (await server.api(`/v1/tenders/${id}`, { token })).body;
    expect(stored).toMatchObject({
      procedure: "restricted",
      standstillDays: 25,
      algemeneTermijnenwet: false,
      publishBidPrices: true,
      maxLotsPerSupplier: 1,
      estimatedValue: eur(750_000.5),
    });
    expect(stored.lots.map((l: { id: string }) => l.id)).toEqual(["1", "zuid"]);
    expect(stored.lots[0].awardModel.price.formula).toBe("relative-lowest");
    expect(stored.lots[1].awardModel.price.formula).toBe("absolute-linear");
    expect(stored.lots[1].awardModel.criteria[0].name).toBe("Biodiversiteit");

    // Editing shows the lots again, the second with its own model; the tender page shows the procedure.
    const edit = await get(`/console/tenders/${id}/edit`);
    expect(edit.html).toContain('name="lots.1.awardModel.criteria.0.name"');
    expect(edit.html).toContain('value="Biodiversiteit"');
    expect(edit.html).toMatch(/<option[^>]*value="restricted"[^>]*selected/);
    const page = await get(`/console/tenders/${id}`);
    expect(page.html).toContain(m.procedures("restricted"));
    expect(page.html).toContain(m.standstillDaysText(25, false));
  });

  it("shows a lot's refused field at that lot's own field", async () => {
    const { post } = await session();
    const refused = await post("/console/tenders/new", {
      ...DETAILS,
      reference: "ZW-2026-LOT-BAD",
      "lots.0.title": "Perceel Noord",
      "lots.0.estimatedValue": "-5",
    });
    expect(refused.status).toBe(422);
    expect(invalid(refused.html, "lots-0-estimatedValue")).toBe(true);
    expect(refused.html).toContain('href="#field-lots-0-estimatedValue"');
  });

  it("adds a lot row and a lot's own award model on request, without script", async () => {
    const { post } = await session();
    const more = await post("/console/tenders/new", {
      ...DETAILS,
      _action: "add-lot",
      "lots.0.title": "Noord",
    });
    expect(more.status).toBe(200);
    expect(more.html).toContain('name="lots.1.title"');
    const own = await post("/console/tenders/new", {
      ...DETAILS,
      _action: "refresh",
      "lots.0.title": "Noord",
      "lots.0.ownModel": "true",
    });
    expect(own.html).toContain('name="lots.0.awardModel.method"');
    const criterion = await post("/console/tenders/new", {
      ...DETAILS,
      _action: "add-criterion:awardModel",
      "awardModel.criteria.1.name": "Klimaat",
    });
    expect(criterion.html).toContain('name="awardModel.criteria.2.name"');
    expect(criterion.html).toContain('name="whatIf.bids.0.scores.2"');
    expect(criterion.html).not.toContain('name="lots.0.awardModel.method"');
  });
});

describe("publishing and cancelling", () => {
  it("shows a publication refused over the procedure at the draft's procedure field", async () => {
    const { post, token } = await session();
    const created = await server.api("/v1/tenders", {
      method: "POST",
      token,
      json: tenderBody(clock.now(), {
        reference: "ZW-2026-NAT",
        contractType: "services",
        estimatedValue: eur(1_000_000),
        procedure: "national-open",
      }),
      headers: { "idempotency-key": newKey() },
    });
    expect(created.status).toBe(201);
    const refused = await post(`/console/tenders/${created.body.id}/publish`, { version: "1" });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain(m.publishRefused);
    expect(invalid(refused.html, "procedure")).toBe(true);
    expect(refused.html).toContain('href="#field-procedure"');
    expect(refused.html).toContain(`action="/console/tenders/${created.body.id}/edit"`);
  });

  it("cancels a tender only with a reason, then says so on the tender", async () => {
    const { get, post, token } = await session();
    const created = await server.api("/v1/tenders", {
      method: "POST",
      token,
      json: tenderBody(clock.now(), { reference: "ZW-2026-CANCEL" }),
      headers: { "idempotency-key": newKey() },
    });
    const id = created.body.id as string;
    expect((await get(`/console/tenders/${id}`)).html).toContain(`href="/console/tenders/${id}/cancel"`);
    const form = await get(`/console/tenders/${id}/cancel`);
    expect(form.status).toBe(200);
    const short = await post(`/console/tenders/${id}/cancel`, { reason: "nee" });
    expect(short.status).toBe(422);
    expect(invalid(short.html, "reason")).toBe(true);
    const done = await post(`/console/tenders/${id}/cancel`, { reason: "Budget ingetrokken door de raad." });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/console/tenders/${id}?notice=cancelled`);
    const page = await get(done.location!);
    expect(page.html).toContain(m.cancelled);
    expect(page.html).toContain(m.cancelledBecause("Budget ingetrokken door de raad."));
    expect((await server.api(`/v1/tenders/${id}`, { token })).body.phase).toBe("cancelled");
  });
});

describe("score corrections on the evaluation page", () => {
  it("one officer proposes a correction with a reason, a second approves it; the proposer may only withdraw", async () => {
    const officerA = await tokenFor("officer", DEMO.municipalities[0], "demo-officer-gm-zwolle");
    const id = await evaluatedTender(server, START, officerA, "ZW-2026-CORR", [
      [s1, 1_900_000],
      [s2, 2_300_000],
      [s3, 2_100_000],
    ]);

    const a = await session("demo-officer-gm-zwolle");
    const evaluation = `/console/tenders/${id}/lots/1/evaluation`;
    expect((await a.get(evaluation)).html).toContain(m.correctionsNone);
    const noReason = await a.post(`/console/tenders/${id}/lots/1/score-corrections`, {
      _idempotency: newKey(),
      "correction.bidId": s3,
      "correction.scores.1.score": "9",
      "correction.scores.1.justification": "De bijlage over waterberging is gemist.",
      "correction.reason": "",
    });
    expect(noReason.status).toBe(422);
    expect(invalid(noReason.html, "correction-reason")).toBe(true);
    expect(noReason.html.match(/id="field-reason"/g)?.length ?? 0).toBeLessThan(2);
    const proposed = await a.post(`/console/tenders/${id}/lots/1/score-corrections`, {
      _idempotency: newKey(),
      "correction.bidId": s3,
      "correction.scores.1.score": "9",
      "correction.scores.1.justification": "De bijlage over waterberging is gemist.",
      "correction.reason": "De commissie miste een bijlage; verslag van 12 juni.",
    });
    expect(proposed.status).toBe(303);
    expect(proposed.location).toBe(`${evaluation}?notice=correctionProposed`);
    const mine = await a.get(evaluation);
    expect(mine.html).toContain(m.correctionsCaption);
    expect(mine.html).toContain("Klimaatadaptatie: 7 → 9");
    expect(mine.html).toContain(m.withdraw(s3));
    expect(mine.html).not.toContain(m.approve(s3));

    const b = await session("officer-b-zwolle");
    const theirs = await b.get(evaluation);
    expect(theirs.html).toContain(m.approve(s3));
    const action = /action="([^"]+\/approve)"/.exec(theirs.html)![1]!;
    const approved = await b.post(action, {});
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`${evaluation}?notice=correctionApproved`);
    const after = await b.get(approved.location!);
    expect(after.html).toContain(m.correctionApproved);
    expect(after.html).toContain(m.correctionStatuses("applied"));
    const listed = await server.api(`/v1/tenders/${id}/score-corrections`, { token: officerA });
    expect(listed.body.items.map((c: { status: string }) => c.status)).toEqual(["applied"]);

    // Evaluated again with the correction, the intended award says when the standstill ends.
    const again = await server.api(`/v1/tenders/${id}/evaluation`, {
      method: "POST",
      token: officerA,
      headers: { "idempotency-key": newKey() },
    });
    expect(again.status).toBe(201);
    const intended = await a.post(`/console/tenders/${id}/lots/1/intended-award`, { _idempotency: newKey() });
    expect(intended.status).toBe(303);
    const awarded = (await server.api(`/v1/tenders/${id}`, { token: officerA })).body.intendedAward;
    const shown = await a.get(evaluation);
    expect(shown.html).toContain(
      m.standstillEndsAt(
        formatDateTime(awarded.standstillEndsAt, "nl"),
        formatDate(awarded.finalAwardPossibleFrom, "nl"),
      ),
    );
  });
});
