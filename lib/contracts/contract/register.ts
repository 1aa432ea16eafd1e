/**
 * An officer registers a contract awarded outside the system (one by one, or a CSV row).
 */
import { Forbidden } from "../../domain/errors.js";
import { centsFromMoney, type Money } from "../../domain/money.js";
import type { ContractType } from "../../domain/sroi/obligation.js";
import type { Operation } from "../../operation.js";
import { lineFromWire, type WireLine } from "../../sroi/wire-lines.js";
import { type NewContract, storeNewContract } from "./create.js";
import { type Contract, contractIdForReference, type SustainabilityPromise } from "./model.js";

export interface RegisterInput {
  reference: string;
  title: string;
  supplierId: string;
  type: ContractType;
  value: Money;
  labourShare?: number | undefined;
  startDate: string;
  endDate: string;
  awardDate?: string | undefined;
  psoLevel?: string | undefined;
  psoCertificateValidUntil?: string | undefined;
  commitment?: { lines: WireLine[]; note?: string | undefined } | undefined;
  promises?:
    | {
        id: string;
        kind: SustainabilityPromise["kind"];
        description: string;
        promised: string;
        advantage: Money;
      }[]
    | undefined;
}

/** The new contract an officer's registration describes (its id derives from the reference). */
export function registration(
  op: Operation,
  input: RegisterInput,
  source: "registered" | "import" = "registered",
): NewContract {
  if (op.actor.role !== "officer") throw new Forbidden("Officers register their municipality's contracts.");
  return {
    id: contractIdForReference(op.actor.orgId, input.reference),
    reference: input.reference,
    title: input.title,
    buyerId: op.actor.orgId,
    supplierId: input.supplierId,
    type: input.type,
    valueCents: centsFromMoney(input.value),
    labourShare: input.labourShare,
    startDate: input.startDate,
    endDate: input.endDate,
    awardDate: input.awardDate,
    psoLevel: input.psoLevel,
    psoCertificateValidUntil: input.psoCertificateValidUntil,
    source,
    commitmentLines: input.commitment?.lines.map(lineFromWire),
    commitmentNote: input.commitment?.note,
    promises: input.promises?.map(({ advantage, ...p }) => ({
      ...p,
      advantageCents: centsFromMoney(advantage),
    })),
  };
}

/** An officer registers a contract awarded elsewhere (most running contracts predate the system). */
export async function registerContract(
  op: Operation,
  input: RegisterInput,
  source: "registered" | "import" = "registered",
): Promise<Contract> {
  return storeNewContract(op, registration(op, input, source));
}
