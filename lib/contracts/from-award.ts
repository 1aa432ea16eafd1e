/**
 * The hand-over from the tenders area: the final award of a tender creates its contract. Tenders passes
 * the plain data it has (the bid's offer lines as on the wire, the promises it derives from the score)
 * and sees nothing else of the contract internals.
 */
import type { Operation } from "../operation.js";
import { publicFields } from "../store/ops.js";
import { lineFromWire, type WireLine } from "../sroi/wire-lines.js";
import { getStoredContract } from "./contract/access.js";
import { type NewContract, storeNewContract } from "./contract/create.js";
import { type Contract, contractIdForTender, type SustainabilityPromise } from "./contract/model.js";

/** A sustainability promise the award makes (its verification starts as pending). */
export type AwardPromise = Omit<SustainabilityPromise, "status">;

/** What the award knows: the contract's own fields, the tender, and the winning bid's offer and promises. */
export type ContractAward = Pick<
  NewContract,
  | "reference"
  | "title"
  | "buyerId"
  | "supplierId"
  | "type"
  | "valueCents"
  | "labourShare"
  | "startDate"
  | "endDate"
  | "psoLevel"
  | "psoCertificateValidUntil"
> & {
  tenderId: string;
  /** The tender's lot (default "1", whose contract id is the tender's; another lot's adds the lot). */
  lotId?: string;
  awardDate: string;
  /** The winning bid's social-return offer, as submitted. */
  offerLines?: WireLine[];
  promises?: AwardPromise[];
};

/**
 * Idempotent: the contract id derives from the tender and lot ids, so a retried or repeated award returns the
 * same contract. The winning bid's offer lines become the commitment; its sustainability promises are
 * recorded.
 */
export async function createContractFromAward(op: Operation, award: ContractAward): Promise<Contract> {
  const id = contractIdForTender(award.tenderId, award.lotId ?? "1");
  const existing = await getStoredContract(id);
  // Another operation's contract is returned as it is; this operation's own (a retry) is completed.
  if (existing && existing.lastOpId !== op.opId) return publicFields<Contract>(existing);
  const { offerLines, ...rest } = award;
  return storeNewContract(op, {
    ...rest,
    id,
    source: "award",
    commitmentLines: offerLines?.map(lineFromWire),
    commitmentNote: "the winning bid's social-return offer",
  });
}
