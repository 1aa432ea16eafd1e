/**
 * Reading a contract's entries.
 */
import { NotFound } from "../../domain/errors.js";
import { entryEntity, entryKey, entryQueries } from "../../entities/entry.js";
import type { Actor } from "../../operation.js";
import { getItem, publicFields } from "../../store/ops.js";
import { type Page, queryPage } from "../../store/paging.js";
import { loadContract } from "../contract/access.js";
import type { Contract } from "../contract/model.js";
import type { Entry, EntryStatus } from "./model.js";

/** The stored entry with its bookkeeping (no access check), or undefined. */
export async function getStoredEntry(contractId: string, entryId: string) {
  const item = await getItem(entryKey(contractId, entryId));
  return item ? entryEntity.read(item) : undefined;
}

/** The contract (access checked) and one of its entries. */
export async function loadEntry(
  actor: Actor,
  contractId: string,
  entryId: string,
): Promise<{ contract: Contract; entry: Entry }> {
  const contract = await loadContract(actor, contractId);
  const item = await getStoredEntry(contractId, entryId);
  if (!item) throw new NotFound("entry");
  return { contract, entry: publicFields<Entry>(item) };
}

export async function listEntries(
  actor: Actor,
  contractId: string,
  page: { limit: number; cursor?: string | undefined; status?: EntryStatus | undefined },
): Promise<Page<Entry> & { contract: Contract }> {
  const contract = await loadContract(actor, contractId);
  // A status is part of the key condition (the status index), so a page costs one query however few
  // of the contract's entries have it.
  const result = await queryPage({
    ...(page.status
      ? entryQueries.ofContractWithStatus(contractId, page.status)
      : entryQueries.ofContract(contractId)),
    limit: page.limit,
    cursor: page.cursor,
  });
  return {
    items: entryEntity.readAll(result.items).map((i) => publicFields<Entry>(i)),
    nextCursor: result.nextCursor,
    contract,
  };
}
