import { describe, expect, it } from "vitest";
import { centsOf, formatMoney, formatPercent } from "../../../lib/console/i18n.js";
import { call, clock, DEMO, newKey, seedDemo, tokenFor, useClock } from "../../support/api.js";
import { consoleVisitor, openAs, textOf } from "./support.js";

/**
 * The contract pages and the review queue, rendered by the console's handler over the API's own
 * handlers on dynalite: each role's contracts with their balances, a contract's obligation, balance and
 * entries, and reviewing an entry through the API's review route.
 */

const NOW = new Date("2026-03-02T09:00:00Z");
useClock(NOW);
const tokens = await seedDemo();
const zwolle = DEMO.municipalities[0];
const contractId = DEMO.contract.id;

const euros = (amount: number, lang: "nl" | "en" = "nl") => formatMoney(centsOf(amount), lang);

async function balanceOf(id: string) {
  const res = await call("GET", `/v1/contracts/${id}/balance`, { token: tokens.officer });
  expect(res.status).toBe(200);
  return res.body;
}

async function submitEntry(candidateRef: string) {
  const res = await call("POST", `/v1/contracts/${contractId}/entries`, {
    token: tokens.supplier,
    idempotencyKey: newKey(),
    body: {
      blockId: "work-experience",
      candidateRef,
      startDate: "2026-01-05",
      endDate: "2026-02-27",
      period: "2026-02",
      evidence: [`agreement ${candidateRef}`],
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; value: { amount: number } };
}

describe("contract list", () => {
  it("shows an officer its municipality's contracts, each balance as a bar with its figures in words", async () => {
    const officer = await consoleVisitor("officer", zwolle);
    const page = await openAs(officer, "/console/contracts");
    expect(page.status).toBe(200);
    const api = await call("GET", "/v1/contracts?limit=50", { token: tokens.officer });
    const references = api.body.items.map((c: { reference: string }) => c.reference);
    expect(references).toContain(DEMO.contract.reference);
    for (const reference of references) expect(page.html).toContain(reference);
    expect(page.html).not.toContain("DV-DEMO-SROI-002");
    const demo = api.body.items.find((c: { id: string }) => c.id === contractId);
    const b = demo.balance;
    // The bar's accessible name carries the API's figures.
    expect(page.html).toContain(
      `aria-label="${formatPercent(b.fulfilmentPercent / 100, "nl")} van de verplichting: ${euros(b.credited.amount)} geaccepteerd van ${euros(b.obligation.amount)}; ${euros(b.pending.amount)} in beoordeling"`,
    );
    expect(textOf(page.html)).toContain("Contracten met hun balans");
  });

  it("shows a supplier only its own contracts and the auditor every contract of the region", async () => {
    const supplier = await openAs(await consoleVisitor("supplier", DEMO.suppliers[0]), "/console/contracts");
    expect(supplier.html).toContain(DEMO.contract.reference);
    expect(supplier.html).not.toContain("EN-DEMO-SROI-003");
    // A supplier reviews nothing: no link in its menu, and the queue is refused.
    expect(supplier.html).not.toContain('href="/console/reviews"');
    const auditor = await consoleVisitor("auditor", DEMO.regionBody);
    const region = await openAs(auditor, "/console/contracts");
    for (const reference of [
      DEMO.contract.reference,
      "DV-DEMO-SROI-002",
      "EN-DEMO-SROI-003",
      "ZW-DEMO-SROI-004",
    ])
      expect(region.html).toContain(reference);
    expect(region.html).toContain('href="/console/reviews"');
  });

  it("filters by the balance status the API computes", async () => {
    const auditor = await consoleVisitor("auditor", DEMO.regionBody);
    const behind = await call("GET", "/v1/contracts?status=behind", {
      token: await tokenFor("auditor", DEMO.regionBody),
    });
    expect(behind.body.items.length).toBeGreaterThan(0);
    const page = await openAs(auditor, "/console/contracts?status=behind");
    expect(page.status).toBe(200);
    const shown = [...page.html.matchAll(/href="\/console\/contracts\/([^"]+)"/g)].map((m) => m[1]);
    expect(shown.sort()).toEqual(behind.body.items.map((c: { id: string }) => c.id).sort());
    expect(page.html).toMatch(/<option value="behind" selected/);
  });
});

describe("contract page", () => {
  it("explains the obligation, the balance and lists the entries with their months", async () => {
    const officer = await consoleVisitor("officer", zwolle);
    const page = await openAs(officer, `/console/contracts/${contractId}`);
    expect(page.status).toBe(200);
    const words = textOf(page.html);
    const b = await balanceOf(contractId);
    const obligations = await call("GET", `/v1/contracts/${contractId}/obligations`, {
      token: tokens.officer,
    });
    const steps = obligations.body.items.at(-1).steps as { detail: string }[];
    expect(words).toContain("Hoe de verplichting is berekend");
    for (const step of steps) expect(page.html).toContain(step.detail.replace(/&/g, "&amp;"));
    expect(words).toContain(
      `Er is ${euros(b.credited.amount)} geaccepteerd van een verplichting van ${euros(b.obligation.amount)}`,
    );
    expect(words).toContain(`Nog in beoordeling: ${euros(b.pending.amount)}`);
    expect(words).toContain("Maanden en personen per bouwblok");
    const entries = await call("GET", `/v1/contracts/${contractId}/entries`, { token: tokens.officer });
    expect(entries.body.items.length).toBeGreaterThan(0);
    for (const e of entries.body.items) expect(words).toContain(e.period);
    // The one entry awaiting review has a link to its review; the reviewed ones have none.
    const submitted = entries.body.items.filter((e: { status: string }) => e.status === "submitted");
    const links = [...page.html.matchAll(/href="([^"]+\/review)"/g)].map((m) => m[1]);
    expect(links).toEqual(
      submitted.map((e: { id: string }) => `/console/contracts/${contractId}/entries/${e.id}/review`),
    );
  });

  it("gives no review links to the supplier and answers 404 for another municipality's officer", async () => {
    const supplier = await openAs(
      await consoleVisitor("supplier", DEMO.suppliers[0]),
      `/console/contracts/${contractId}`,
    );
    expect(supplier.status).toBe(200);
    expect(supplier.html).not.toMatch(/\/review"/);
    const deventer = await openAs(
      await consoleVisitor("officer", DEMO.municipalities[1]),
      `/console/contracts/${contractId}`,
    );
    expect(deventer.status).toBe(404);
    expect(deventer.html).not.toContain(DEMO.contract.reference);
  });

  it("speaks English when chosen", async () => {
    const page = await openAs(
      await consoleVisitor("officer", zwolle, "en"),
      `/console/contracts/${contractId}`,
    );
    const words = textOf(page.html);
    const b = await balanceOf(contractId);
    expect(words).toContain("How the obligation was calculated");
    expect(words).toContain(`${euros(b.credited.amount, "en")} has been accepted of an obligation of`);
  });
});

describe("review queue", () => {
  it("lists the municipality's entries awaiting review, oldest first, and flags the overdue ones", async () => {
    // The seeded entry was submitted at NOW; 45 days on it is past the policy's 30 review days.
    clock.set(new Date(NOW.getTime() + 45 * 86_400_000));
    const later = await submitEntry("IJB-Q-LATER");
    const officer = await consoleVisitor("officer", zwolle);
    const page = await openAs(officer, "/console/reviews");
    expect(page.status).toBe(200);
    const queue = await call("GET", "/v1/entries?status=submitted", { token: tokens.officer });
    const ids = queue.body.items.map((e: { id: string }) => e.id);
    expect(ids).toContain(later.id);
    const linked = [...page.html.matchAll(/entries\/([^/"]+)\/review"/g)].map((m) => m[1]);
    expect(linked).toEqual(ids);
    const overdue = queue.body.items.filter((e: { overdue?: boolean }) => e.overdue).length;
    expect(overdue).toBeGreaterThan(0);
    expect(textOf(page.html).match(/Te laat/g)?.length).toBe(overdue + 1); // the badges and the note
  });

  it("is refused to a supplier", async () => {
    const page = await openAs(await consoleVisitor("supplier", DEMO.suppliers[0]), "/console/reviews");
    expect(page.status).toBe(403);
  });
});

describe("reviewing an entry", () => {
  it("asks for a reason, tied to its field, and changes nothing without one", async () => {
    const entry = await submitEntry("IJB-R-NOREASON");
    const officer = await consoleVisitor("officer", zwolle);
    const path = `/console/contracts/${contractId}/entries/${entry.id}/review`;
    const form = await openAs(officer, path);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="reason"');
    const refused = await openAs(officer, path, { decision: "reject", reason: "  " });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('href="#field-reason"');
    expect(refused.html).toContain('aria-describedby="field-reason-description field-reason-error"');
    const stored = await call("GET", `/v1/contracts/${contractId}/entries/${entry.id}`, {
      token: tokens.officer,
    });
    expect(stored.body.status).toBe("submitted");
  });

  it("rejects and accepts through the API's review route; the balance and the queue follow", async () => {
    const rejected = await submitEntry("IJB-R-REJECT");
    const accepted = await submitEntry("IJB-R-ACCEPT");
    const before = await balanceOf(contractId);
    const officer = await consoleVisitor("officer", zwolle);

    const reject = await openAs(officer, `/console/contracts/${contractId}/entries/${rejected.id}/review`, {
      decision: "reject",
      reason: "no placement agreement attached",
    });
    expect(reject.status).toBe(303);
    expect(reject.location).toBe(`/console/reviews?done=rejected&contract=${contractId}`);
    const accept = await openAs(officer, `/console/contracts/${contractId}/entries/${accepted.id}/review`, {
      decision: "accept",
      reason: "agreement checked",
    });
    expect(accept.location).toBe(`/console/reviews?done=accepted&contract=${contractId}`);

    const after = await balanceOf(contractId);
    expect(centsOf(after.rejected.amount)).toBe(
      centsOf(before.rejected.amount) + centsOf(rejected.value.amount),
    );
    expect(centsOf(after.credited.amount)).toBe(
      centsOf(before.credited.amount) + centsOf(accepted.value.amount),
    );
    const stored = await call("GET", `/v1/contracts/${contractId}/entries/${rejected.id}`, {
      token: tokens.officer,
    });
    expect(stored.body.review).toMatchObject({
      decision: "reject",
      reason: "no placement agreement attached",
    });

    const queue = await openAs(officer, reject.location);
    expect(textOf(queue.html)).toContain("De realisatie is afgewezen.");
    expect(queue.html).toContain(`Bekijk de balans van ${DEMO.contract.reference}`);
    expect(queue.html).not.toContain(rejected.id);
    expect(queue.html).not.toContain(accepted.id);

    const contract = await openAs(officer, `/console/contracts/${contractId}`);
    expect(textOf(contract.html)).toContain(`Er is ${euros(after.credited.amount)} geaccepteerd`);

    // Reviewed once: a second decision is the API's 409, and the page says who decided what.
    const again = await openAs(officer, `/console/contracts/${contractId}/entries/${rejected.id}/review`, {
      decision: "accept",
      reason: "second thoughts",
    });
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toContain("Deze realisatie is al beoordeeld (Afgewezen");
    expect(again.html).not.toContain('name="reason"');
  });

  it("lets the region's auditor review, and refuses a supplier's form post", async () => {
    const entry = await submitEntry("IJB-R-AUDITOR");
    const auditor = await consoleVisitor("auditor", DEMO.regionBody);
    const done = await openAs(auditor, `/console/contracts/${contractId}/entries/${entry.id}/review`, {
      decision: "accept",
      reason: "evidence checked by the region",
    });
    expect(done.status).toBe(303);
    const supplier = await consoleVisitor("supplier", DEMO.suppliers[0]);
    const other = await submitEntry("IJB-R-SUPPLIER");
    const refused = await openAs(supplier, `/console/contracts/${contractId}/entries/${other.id}/review`, {
      decision: "accept",
      reason: "self-approval",
    });
    expect(refused.status).toBe(403);
    const stored = await call("GET", `/v1/contracts/${contractId}/entries/${other.id}`, {
      token: tokens.officer,
    });
    expect(stored.body.status).toBe("submitted");
  });
});
