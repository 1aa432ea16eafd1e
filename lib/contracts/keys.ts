/** Key builders of the social-return items (one contract = one partition). */
export const contractKey = (id: string) => ({ pk: `CONTRACT#${id}`, sk: "CONTRACT" });
export const obligationKey = (id: string, version: number) => ({
  pk: `CONTRACT#${id}`,
  sk: `OBLIGATION#V#${String(version).padStart(6, "0")}`,
});
export const commitmentKey = (id: string, version: number) => ({
  pk: `CONTRACT#${id}`,
  sk: `COMMITMENT#V#${String(version).padStart(6, "0")}`,
});
/** Running totals: ADD only, never a version check. */
export const totalsKey = (id: string) => ({ pk: `CONTRACT#${id}`, sk: "TOTALS" });
export const blockTotalsKey = (id: string, blockId: string) => ({
  pk: `CONTRACT#${id}`,
  sk: `TOTALS#BLOCK#${blockId}`,
});
/** Net accepted months of one candidate in one block (persons count: crossing zero). */
export const personKey = (id: string, blockId: string, candidateRef: string) => ({
  pk: `CONTRACT#${id}`,
  sk: `PERSON#${blockId}#${candidateRef}`,
});
export const entryKey = (id: string, entryId: string) => ({ pk: `CONTRACT#${id}`, sk: `ENTRY#${entryId}` });
/** Claim of a candidate's periods in one contract (no overlap, counting maximum). */
export const candidateClaimKey = (id: string, candidateRef: string) => ({
  pk: `CONTRACT#${id}`,
  sk: `CAND#${candidateRef}`,
});
/** Claim of a candidate's FTE across all contracts of one supplier (≤ 1 FTE on any day). */
export const fteClaimKey = (supplierId: string, candidateRef: string) => ({
  pk: `SUPPLIER#${supplierId}#CAND#${candidateRef}`,
  sk: "FTE",
});
/** A municipality's contract reference is unique: the contract id derives from it. */
export const regionContractPointerKey = (regionId: string, contractId: string) => ({
  pk: `REGION#${regionId}#CONTRACTS`,
  sk: contractId,
});
