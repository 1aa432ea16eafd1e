/**
 * The seam for a contract's `implementation` in the contract release: its social-return milestones and
 * realised value per period. The loader asks an ImplementationSource for each awarded lot's contract;
 * without one (or when it answers undefined) the contract release carries no implementation.
 */
import type { Contract } from "../contracts/contract/model.js";
import type { OcdsImplementation } from "../schemas/responses/ocds.js";

/** Builds the implementation of one contract as of `now`, from what is stored about it. */
export type ImplementationSource = (contract: Contract, now: Date) => Promise<OcdsImplementation | undefined>;

export const noImplementation: ImplementationSource = async () => undefined;
