import { areaRouter } from "../../lib/http/router.js";
import { handler as amendContract } from "./amend-contract.js";
import { handler as getBalance } from "./get-balance.js";
import { handler as getContract } from "./get-contract.js";
import { handler as getEntry } from "./get-entry.js";
import { handler as importContracts } from "./import-contracts.js";
import { handler as importEntries } from "./import-entries.js";
import { handler as listCommitments } from "./list-commitments.js";
import { handler as listContracts } from "./list-contracts.js";
import { handler as listEntries } from "./list-entries.js";
import { handler as listObligations } from "./list-obligations.js";
import { handler as listReviewQueue } from "./list-review-queue.js";
import { handler as pseudonymiseContract } from "./pseudonymise-contract.js";
import { handler as recomputeTotals } from "./recompute-totals.js";
import { handler as registerContract } from "./register-contract.js";
import { handler as reverseEntry } from "./reverse-entry.js";
import { handler as reviewEntry } from "./review-entry.js";
import { handler as settleContract } from "./settle-contract.js";
import { handler as submitEntry } from "./submit-entry.js";
import { handler as updateCommitment } from "./update-commitment.js";
import { handler as verifyPromise } from "./verify-promise.js";

export const handler = areaRouter("contracts", [
  registerContract,
  importContracts,
  listContracts,
  getContract,
  amendContract,
  listObligations,
  updateCommitment,
  listCommitments,
  verifyPromise,
  settleContract,
  getBalance,
  recomputeTotals,
  pseudonymiseContract,
  submitEntry,
  importEntries,
  listEntries,
  getEntry,
  reviewEntry,
  reverseEntry,
  listReviewQueue,
]);
