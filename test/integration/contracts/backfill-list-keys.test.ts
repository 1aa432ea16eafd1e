import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  InternalServerError,
} from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { backfillListKeys, LIST_KEYS_BACKFILL } from "../../../lib/backfill/list-keys.js";
import {
  backfillCheckpointEntity,
  backfillCheckpointKey,
} from "../../../lib/entities/backfill-checkpoint.js";
import { catalogueEntity } from "../../../lib/entities/catalogue.js";
import { contractEntity } from "../../../lib/entities/contract.js";
import { entryEntity } from "../../../lib/entities/entry.js";
import { organisationEntity } from "../../../lib/entities/organisation.js";
import { tenderEntity } from "../../../lib/entities/tender.js";
import { blockTotalsEntity, totalsEntity, totalsKeyBeside } from "../../../lib/entities/totals.js";
import { ensureTable } from "../../../lib/local/dynalite.js";
import { suppliersWithKvk } from "../../../lib/orgs/organisations.js";
import { hasEveryIndex, settle, sideTableOf } from "../../../lib/local/rebuild.js";
import { seedDemoData } from "../../../lib/seed/index.js";
import { localClientConfig } from "../../../lib/store/local-endpoint.js";
import { getItem, type Item } from "../../../lib/store/ops.js";
import { scanPage } from "../../../lib/store/scan.js";
import { createTableInput, TABLE, tableName } from "../../../lib/store/table.js";
import { call, DEMO, tokenFor, useClock } from "../../support/api.js";
import { injectFaults } from "../../support/faults.js";
import { callsOf, putAll } from "./support.js";

/**
 * Items stored before the lists queried by their new keys (test/fixtures/stored-items-2026-11.jsonl,
 * kept as that release wrote them) still read, and the list-keys backfill brings them into the lists:
 * resumable after a fault, harmless when run again, and run once by `npm start` on such a database.
 */

const FIXTURE = new URL("../../fixtures/stored-items-2026-11.jsonl", import.meta.url);
const fixture: Item[] = readFileSync(FIXTURE, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const of = <T>(entity: { owns(key: Item): boolean; read(item: unknown): T }) =>
  fixture.filter((item) => entity.owns(item)).map((item) => entity.read(item));
const entries = of(entryEntity);
const contracts = of(contractEntity);
const catalogues = of(catalogueEntity);
const blockRows = of(blockTotalsEntity);
/** Published tenders get their publication keys, suppliers their KvK keys. */
const publishedTenders = of(tenderEntity).filter((t) => t.published !== null);
const kvkSuppliers = of(organisationEntity).filter((o) => o.kvk !== null);

useClock(new Date("2026-06-10T08:00:00Z"));
const endpoint = process.env.DYNAMODB_ENDPOINT!;
const officer = await tokenFor("officer", DEMO.municipalities[0]);
const auditor = await tokenFor("auditor", DEMO.regionBody);

/** A table of its own for the calling case (the store reads TABLE_NAME on every call), holding `items`. */
async function freshTable(items: readonly Item[] = fixture): Promise<string> {
  process.env.TABLE_NAME = `test-${randomUUID()}`;
  expect(await ensureTable(endpoint, tableName())).toBe("created");
  await putAll(items);
  return tableName();
}

/** Every item of the table but the backfill's own checkpoint, in key order. */
async function snapshot(): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await scanPage(100, startKey);
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items
    .filter((i) => !backfillCheckpointEntity.owns(i))
    .sort((a, b) => (a.pk + a.sk < b.pk + b.sk ? -1 : 1));
}

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
const entriesWith = (contractId: string, status?: string) =>
  call("GET", `/v1/contracts/${contractId}/entries${status ? `?status=${status}` : ""}`, { token: auditor });

/** Each fixture contract of Zwolle's list next to its own balance. */
async function listedBalances() {
  const listed = await callsOf(() => call("GET", "/v1/contracts?limit=500", { token: officer }));
  expect(listed.result.status).toBe(200);
  for (const contract of contracts.filter((c) => c.buyerId === DEMO.municipalities[0])) {
    const single = await call("GET", `/v1/contracts/${contract.id}/balance`, { token: officer });
    const item = listed.result.body.items.find((i: { id: string }) => i.id === contract.id);
    expect(item.balance, contract.id).toEqual(single.body);
  }
  return listed.calls.filter((c) => c.command === "QueryCommand").length;
}

let faults: ReturnType<typeof injectFaults> | undefined;
afterEach(() => {
  faults?.restore();
  faults = undefined;
});

describe("the list-keys backfill on items of the November 2026 release", () => {
  it("the old shape reads as before; after the backfill the lists find every item through its keys", async () => {
    await freshTable();
    const withEntries = [...new Set(entries.map((e) => e.contractId))];
    expect(withEntries.length).toBeGreaterThan(5);
    // Before: unfiltered lists and balances read the old items (old totals rows by a query each) …
    for (const contractId of withEntries)
      expect(ids(await entriesWith(contractId)).sort()).toEqual(
        entries
          .filter((e) => e.contractId === contractId)
          .map((e) => e.id)
          .sort(),
      );
    expect(await listedBalances()).toBeGreaterThan(1);
    // … while the keyed lists do not see them yet.
    expect(ids(await entriesWith(DEMO.contract.id, "submitted"))).toEqual([]);
    expect(ids(await call("GET", "/v1/sroi/catalogues", { token: officer }))).toEqual([]);

    const run = await backfillListKeys({ pageSize: 40 });
    expect(run).toEqual({
      name: LIST_KEYS_BACKFILL,
      run: 1,
      resumed: false,
      scanned: fixture.length,
      changed:
        entries.length + catalogues.length + blockRows.length + publishedTenders.length + kvkSuppliers.length,
    });

    for (const contractId of withEntries)
      for (const status of ["submitted", "accepted", "rejected"])
        expect(ids(await entriesWith(contractId, status)), `${contractId} ${status}`).toEqual(
          entries
            .filter((e) => e.contractId === contractId && e.status === status)
            .map((e) => e.id)
            .sort(),
        );
    const listed = await call("GET", "/v1/sroi/catalogues", { token: officer });
    expect(
      listed.body.items.map((c: { id: string; version: string }) => `${c.id} ${c.version}`).sort(),
    ).toEqual(catalogues.map((c) => `${c.id} ${c.version}`).sort());
    for (const contractId of new Set(blockRows.map((b) => b.pk))) {
      const totals = totalsEntity.read(await getItem(totalsKeyBeside({ pk: contractId })));
      expect(totals.blockIds).toEqual(
        new Set(blockRows.filter((b) => b.pk === contractId).map((b) => b.blockId)),
      );
    }
    // The contract list now reads every page's totals by key: one query, whatever the contracts.
    expect(await listedBalances()).toBe(1);
  });

  it("resumes after a fault where it stopped, ends as an uninterrupted run, and a second run changes nothing", async () => {
    await freshTable();
    await backfillListKeys({ pageSize: 25 });
    const uninterrupted = await snapshot();

    await freshTable();
    let updates = 0;
    faults = injectFaults((command) =>
      command === "Update" && ++updates === 12
        ? new InternalServerError({ message: "simulated crash", $metadata: {} })
        : undefined,
    );
    await expect(backfillListKeys({ pageSize: 25 })).rejects.toThrow("simulated crash");
    faults.restore();
    faults = undefined;
    const stopped = backfillCheckpointEntity.read(await getItem(backfillCheckpointKey(LIST_KEYS_BACKFILL)));
    expect(stopped).toMatchObject({ run: 1, completedAt: null });
    expect(stopped.pages).toBeGreaterThan(0);
    expect(await snapshot()).not.toEqual(uninterrupted);

    const resumed = await backfillListKeys({ pageSize: 25 });
    expect(resumed).toMatchObject({ run: 1, resumed: true, scanned: fixture.length });
    expect(await snapshot()).toEqual(uninterrupted);

    const again = await backfillListKeys({ pageSize: 25 });
    expect(again).toMatchObject({ run: 2, resumed: false, scanned: fixture.length, changed: 0 });
    expect(await snapshot()).toEqual(uninterrupted);
  });

  it("a scan that fails resumes from the last finished page too", async () => {
    await freshTable();
    let scans = 0;
    faults = injectFaults((command) =>
      command === "Scan" && ++scans === 3
        ? new InternalServerError({ message: "scan lost", $metadata: {} })
        : undefined,
    );
    await expect(backfillListKeys({ pageSize: 30 })).rejects.toThrow("scan lost");
    faults.restore();
    faults = undefined;
    expect(
      backfillCheckpointEntity.read(await getItem(backfillCheckpointKey(LIST_KEYS_BACKFILL))),
    ).toMatchObject({
      pages: 2,
      completedAt: null,
    });
    const { result, calls } = await callsOf(() => backfillListKeys({ pageSize: 30 }));
    expect(result).toMatchObject({ resumed: true, scanned: fixture.length });
    // Two pages were done: the resumed run scans the rest only.
    expect(calls.filter((c) => c.command === "ScanCommand")).toHaveLength(Math.ceil(fixture.length / 30) - 2);
    expect(ids(await entriesWith(DEMO.contract.id, "submitted"))).toHaveLength(1);
  });
});

/** The table definition of the November 2026 release: the first two indexes. */
function releaseTableInput(name: string) {
  const current = createTableInput(name);
  const indexes = TABLE.indexes.slice(0, 2);
  const keys = new Set<string>([
    TABLE.partitionKey,
    TABLE.sortKey,
    ...indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  return {
    ...current,
    AttributeDefinitions: current.AttributeDefinitions!.filter((a) => keys.has(a.AttributeName!)),
    GlobalSecondaryIndexes: current.GlobalSecondaryIndexes!.filter((g) =>
      indexes.some((i) => i.name === g.IndexName),
    ),
  };
}

describe("npm start on a database of the November 2026 release", () => {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  afterAll(() => client.destroy());
  const describeTable = async (name: string) => {
    try {
      return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
    } catch {
      return undefined;
    }
  };

  it("rebuilds the table with the new index, keeps every item, and its seed runs the backfill once", async () => {
    process.env.TABLE_NAME = `test-${randomUUID()}`;
    await client.send(new CreateTableCommand(releaseTableInput(tableName())));
    await settle(client, tableName(), "active");
    await putAll(fixture);
    expect(hasEveryIndex((await describeTable(tableName()))!)).toBe(false);

    expect(await ensureTable(endpoint, tableName())).toBe("rebuilt");
    expect(hasEveryIndex((await describeTable(tableName()))!)).toBe(true);
    expect(await describeTable(sideTableOf(tableName()))).toBeUndefined();
    expect(await snapshot()).toEqual([...fixture].sort((a, b) => (a.pk + a.sk < b.pk + b.sk ? -1 : 1)));
    expect(await ensureTable(endpoint, tableName())).toBe("exists");

    expect(await seedDemoData(new Date("2026-06-10T08:00:00Z"))).toEqual([
      "list-keys-backfill",
      "period-rows-backfill",
      "sroi-demo-region",
      "impact-organisations",
    ]);
    expect(await seedDemoData(new Date("2026-06-10T08:00:00Z"))).toEqual([]);
    expect(ids(await entriesWith(DEMO.contract.id, "submitted"))).toHaveLength(1);
    // The demo organisations of that release now carry the impact fields, found by KvK number too.
    const zwolle = await call("GET", `/v1/organisations/${DEMO.municipalities[0]}`, { token: officer });
    expect(zwolle.body.cbsCode).toBe("GM0193");
    const [vendor] = await suppliersWithKvk("90000002");
    expect(vendor).toMatchObject({ id: DEMO.suppliers[1], sizeClass: "small" });
    expect(vendor?.socialEnterprise?.kind).toBe("code-sociale-ondernemingen");
  });

  it("completes a rebuild that stopped part-way through its first copy", async () => {
    process.env.TABLE_NAME = `test-${randomUUID()}`;
    await client.send(new CreateTableCommand(releaseTableInput(tableName())));
    await settle(client, tableName(), "active");
    await putAll(fixture);
    // A crash while copying to the side table: it holds a few of the items.
    const name = tableName();
    await client.send(new CreateTableCommand(createTableInput(sideTableOf(name))));
    await settle(client, sideTableOf(name), "active");
    process.env.TABLE_NAME = sideTableOf(name);
    await putAll(fixture.slice(0, 10));
    process.env.TABLE_NAME = name;

    expect(await ensureTable(endpoint, name)).toBe("rebuilt");
    expect(hasEveryIndex((await describeTable(name))!)).toBe(true);
    expect(await describeTable(sideTableOf(name))).toBeUndefined();
    expect(await snapshot()).toHaveLength(fixture.length);
  });
});
