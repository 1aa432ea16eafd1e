/**
 * The agreed plan of approach (commitment): versioned, valued with the award catalogue.
 */
import { appendAudit } from "../../audit/audit.js";
import { valuateLines } from "../../domain/sroi/valuation.js";
import type { Actor, Operation } from "../../operation.js";
import { requireCatalogue } from "../../sroi/rules.js";
import { lineFromWire, type WireLine } from "../../sroi/wire-lines.js";
import { commitmentEntity, commitmentKey, commitmentQueries } from "../../entities/commitment.js";
import { contractKey } from "../../entities/contract.js";
import { publicFields, putIfAbsent, updateVersioned } from "../../store/ops.js";
import { queryAll } from "../../store/paging.js";
import { loadContract, requireBuyerOfficer } from "./access.js";
import type { CommitmentVersion, Contract } from "./model.js";

export async function commitmentVersions(actor: Actor, id: string): Promise<CommitmentVersion[]> {
  await loadContract(actor, id);
  const items = commitmentEntity.readAll(await queryAll(commitmentQueries.ofContract(id)));
  return items.map((i) => publicFields<CommitmentVersion>(i));
}

/** The officer edits the agreed plan of approach; each edit is a new commitment version with its author. */
export async function updateCommitment(
  op: Operation,
  id: string,
  input: { lines: WireLine[]; note?: string | undefined; version: number },
): Promise<{ contract: Contract; commitment: CommitmentVersion }> {
  const contract = await loadContract(op.actor, id);
  requireBuyerOfficer(op, contract);
  const catalogue = await requireCatalogue(contract.awardCatalogue.id, contract.awardCatalogue.version);
  const lines = input.lines.map(lineFromWire);
  const valuation = valuateLines(catalogue, lines, "lines");
  const next = (contract.commitment?.version ?? 0) + 1;
  const updated = publicFields<Contract>(
    await updateVersioned<Contract>(
      contractKey(id),
      input.version,
      { commitment: { version: next, cents: valuation.totalCents } },
      op.opId,
    ),
  );
  const commitment: CommitmentVersion = {
    version: updated.commitment!.version,
    lines,
    valuation,
    ...(input.note ? { note: input.note } : {}),
    at: op.now.toISOString(),
    by: op.actor.sub,
  };
  await putIfAbsent({ ...commitmentKey(id, commitment.version), ...commitment });
  await appendAudit(op, {
    entityType: "contract",
    entityId: id,
    action: "contract.commitment-updated",
    before: contract.commitment,
    after: commitment,
    regionId: contract.regionId,
    once: `v${updated.version}`,
  });
  return { contract: updated, commitment };
}
