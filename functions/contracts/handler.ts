import { areaRouter } from "../../lib/http/router.js";

export const handler = areaRouter("contracts", {
  "POST /v1/contracts": () => import("./register-contract.js"),
  "POST /v1/contracts/import": () => import("./import-contracts.js"),
  "GET /v1/contracts": () => import("./list-contracts.js"),
  "GET /v1/contracts/{contractId}": () => import("./get-contract.js"),
  "POST /v1/contracts/{contractId}/amendments": () => import("./amend-contract.js"),
  "GET /v1/contracts/{contractId}/obligations": () => import("./list-obligations.js"),
  "POST /v1/contracts/{contractId}/base-amounts": () => import("./report-base-amount.js"),
  "GET /v1/contracts/{contractId}/base-amounts": () => import("./list-base-amounts.js"),
  "POST /v1/contracts/{contractId}/base-amounts/{baseAmountId}/review": () =>
    import("./review-base-amount.js"),
  "PUT /v1/contracts/{contractId}/commitment": () => import("./update-commitment.js"),
  "GET /v1/contracts/{contractId}/commitments": () => import("./list-commitments.js"),
  "POST /v1/contracts/{contractId}/promises/{promiseId}/verification": () => import("./verify-promise.js"),
  "POST /v1/contracts/{contractId}/settlement": () => import("./settle-contract.js"),
  "GET /v1/contracts/{contractId}/balance": () => import("./get-balance.js"),
  "POST /v1/contracts/{contractId}/totals/recompute": () => import("./recompute-totals.js"),
  "POST /v1/contracts/{contractId}/retention": () => import("./pseudonymise-contract.js"),
  "POST /v1/contracts/{contractId}/entries": () => import("./submit-entry.js"),
  "POST /v1/contracts/{contractId}/entries/import": () => import("./import-entries.js"),
  "GET /v1/contracts/{contractId}/entries": () => import("./list-entries.js"),
  "GET /v1/contracts/{contractId}/entries/{entryId}": () => import("./get-entry.js"),
  "POST /v1/contracts/{contractId}/entries/{entryId}/review": () => import("./review-entry.js"),
  "POST /v1/contracts/{contractId}/entries/{entryId}/reversal": () => import("./reverse-entry.js"),
  "GET /v1/entries": () => import("./list-review-queue.js"),
});
