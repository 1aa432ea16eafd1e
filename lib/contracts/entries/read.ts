/**
 * Reading a contract's entries.
 */
import { NotFound } from "../../domain/errors.js";
import type { Actor } from "../../operation.js";
import { getItem, type Item, publicFields } from "../../store/ops.js";
import { type Page, queryPage } from "../../store/paging.js";
import { loadContract } from "../contract/access.js";
import type { Contract } from "../contract/model.js";
import { entryKey } from "../keys.js";
import type { Entry, EntryStatus } from "./model.js";

/** The contract (access checked) and one of its entries. */
export async function loadEntry(
  actor: Actor,
  contractId: string,
  entryId: string,
): Promise<{ contract: Contract; entry: Entry }> {
  const contract = await loadContract(actor, contractId);
  const item = await getItem<Entry>(entryKey(contractId, entryId));
  if (!item) throw new NotFound("entry");
  return { contract, entry: publicFields<Entry>(item) };
}

export async function listEntries(
  actor: Actor,
  contractId: string,
  page: { limit: number; cursor?: string | undefined; status?: EntryStatus | undefined },
): Promise<Page<Entry> & { contract: Contract }> {
  const contract = await loadContract(actor, contractId);
  const result = await queryPage<Entry & Item>({
    pk: `CONTRACT#${contractId}`,
    skBeginsWith: "ENTRY#",
    limit: page.limit,
    cursor: page.cursor,
    ...(page.status
      ? { filter: { expression: "#s = :s", names: { "#s": "status" }, values: { ":s": page.status } } }
      : {}),
  });
  return { items: result.items.map((i) => publicFields<Entry>(i)), nextCursor: result.nextCursor, contract };
}
