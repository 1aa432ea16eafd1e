import { describe, expect, it } from "vitest";
import {
  type ApiResponse,
  call,
  clock,
  DEMO,
  newKey,
  seedDemo,
  tokenFor,
  useClock,
} from "../../support/api.js";
import { newContract } from "../sroi/support.js";
import { tenderBody } from "../tenders/support.js";

/**
 * List cursors are signed and bound to the list that issued them: a garbled, edited or borrowed
 * cursor is a 400 `invalid-cursor` on query.cursor, never a 500 from the database.
 */

useClock(new Date("2026-07-01T12:00:00Z"));
const tokens = await seedDemo();
const supplier2 = await tokenFor("supplier", DEMO.suppliers[1]);

// Two pages or more on every list below.
for (const name of ["Cursor regio A", "Cursor regio B", "Cursor regio C"]) {
  await call("POST", "/v1/regions", { token: tokens.admin, body: { name } });
}
const tenders: string[] = [];
for (const reference of ["CUR-1", "CUR-2", "CUR-3"]) {
  const created = await call("POST", "/v1/tenders", {
    token: tokens.officer,
    body: tenderBody(clock.now(), { reference }),
  });
  expect(created.status).toBe(201);
  tenders.push(created.body.id);
}
const contractA = await newContract(tokens.officer, "CUR-C-1");
const contractB = await newContract(tokens.officer, "CUR-C-2");
for (const [i, candidateRef] of ["K1", "K2", "K3"].entries()) {
  const entry = await call("POST", `/v1/contracts/${contractA}/entries`, {
    token: supplier2,
    idempotencyKey: newKey(),
    body: {
      blockId: "work-experience",
      candidateRef,
      startDate: `2025-0${i + 1}-01`,
      endDate: `2025-0${i + 1}-28`,
      period: "2025",
    },
  });
  expect(entry.status).toBe(201);
}

/** [list url (without limit/cursor), a token that may read it] */
const LISTS: [string, () => string][] = [
  ["/v1/organisations?kind=supplier", () => tokens.admin],
  ["/v1/regions?", () => tokens.officer],
  ["/v1/tenders?", () => tokens.officer],
  ["/v1/contracts?", () => tokens.officer],
  [`/v1/contracts/${contractA}/entries?`, () => tokens.officer],
  [`/v1/audit?entity=tender:${tenders[0]}`, () => tokens.admin],
];

const sep = (url: string) => (url.endsWith("?") ? "" : "&");
const page = (url: string, token: string, cursor?: string) =>
  call(
    "GET",
    `${url}${sep(url)}limit=1${cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`}`,
    {
      token,
    },
  );

const expectInvalidCursor = (response: ApiResponse) => {
  expect(response.status).toBe(400);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(response.body.code).toBe("invalid-cursor");
  expect(response.body.errors).toEqual([{ path: "query.cursor", message: expect.any(String) }]);
};

/** base64url JSON, as an unsigned cursor would be: the shape an attacker can forge. */
const forge = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");

describe("list cursors", () => {
  it.each(LISTS)("%s: pages with its own cursor", async (url, token) => {
    const first = await page(url, token());
    expect(first.status).toBe(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await page(url, token(), first.body.nextCursor);
    expect(second.status).toBe(200);
    expect(second.body.items[0]).not.toEqual(first.body.items[0]);
  });

  it.each(LISTS)("%s: refuses garbage, forged keys and edited cursors with 400", async (url, token) => {
    const issued = (await page(url, token())).body.nextCursor as string;
    const garbage = ["x", "not-a-cursor", "%%%", "e30", forge({ pk: { S: 1 } }), forge({ pk: "x", sk: 7 })];
    const edited = [
      `${issued.slice(0, -2)}${issued.endsWith("AA") ? "BB" : "AA"}`,
      `A${issued.slice(1)}`,
      issued.split(".").reverse().join("."),
    ];
    for (const cursor of [...garbage, ...edited]) expectInvalidCursor(await page(url, token(), cursor));
  });

  it("refuses a cursor issued for another list, even of the same kind", async () => {
    const entries = (await page(`/v1/contracts/${contractA}/entries?`, tokens.officer)).body.nextCursor;
    // Entries of another contract, and lists of another kind.
    expectInvalidCursor(await page(`/v1/contracts/${contractB}/entries?`, tokens.officer, entries));
    expectInvalidCursor(await page("/v1/contracts?", tokens.officer, entries));
    const tendersCursor = (await page("/v1/tenders?", tokens.officer)).body.nextCursor;
    expectInvalidCursor(await page("/v1/organisations?kind=supplier", tokens.admin, tendersCursor));
    // The same route, another entity's trail.
    const audit = (await page(`/v1/audit?entity=tender:${tenders[0]}`, tokens.admin)).body.nextCursor;
    expectInvalidCursor(await page(`/v1/audit?entity=tender:${tenders[1]}`, tokens.admin, audit));
  });
});
