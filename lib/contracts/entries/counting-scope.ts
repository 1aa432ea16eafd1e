import { type Contract, countingRules } from "../contract/model.js";

/**
 * Where the months counted before an entry come from: the candidate's periods in the block in this
 * contract, or (perCandidateInRegion) in every contract of the supplier in the contract's region.
 */
export interface CountingScope {
  regionId: string;
  perCandidateInRegion: boolean;
}

export const countingScopeOf = (contract: Contract): CountingScope => ({
  regionId: contract.regionId,
  perCandidateInRegion: countingRules(contract).countingMaximumPer === "candidate-in-region",
});
