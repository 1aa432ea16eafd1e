import { areaRouter } from "../../lib/http/router.js";

export const handler = areaRouter("tenders", {
  "POST /v1/tenders": () => import("./create-tender.js"),
  "GET /v1/tenders": () => import("./list-tenders.js"),
  "GET /v1/tenders/{tenderId}": () => import("./get-tender.js"),
  "PATCH /v1/tenders/{tenderId}": () => import("./update-tender.js"),
  "POST /v1/tenders/{tenderId}/publish": () => import("./publish-tender.js"),
  "POST /v1/tenders/{tenderId}/cancel": () => import("./cancel-tender.js"),
  "POST /v1/tenders/{tenderId}/bids": () => import("./submit-bid.js"),
  "GET /v1/tenders/{tenderId}/bids": () => import("./list-bids.js"),
  "GET /v1/tenders/{tenderId}/bids/{bidId}": () => import("./get-bid.js"),
  "PUT /v1/tenders/{tenderId}/bids/{bidId}": () => import("./replace-bid.js"),
  "DELETE /v1/tenders/{tenderId}/bids/{bidId}": () => import("./withdraw-bid.js"),
  "POST /v1/tenders/{tenderId}/open": () => import("./open-bids.js"),
  "PUT /v1/tenders/{tenderId}/bids/{bidId}/scores": () => import("./score-bid.js"),
  "POST /v1/tenders/{tenderId}/score-corrections": () => import("./propose-score-correction.js"),
  "GET /v1/tenders/{tenderId}/score-corrections": () => import("./list-score-corrections.js"),
  "POST /v1/tenders/{tenderId}/score-corrections/{correctionId}/approve": () =>
    import("./approve-score-correction.js"),
  "POST /v1/tenders/{tenderId}/score-corrections/{correctionId}/withdraw": () =>
    import("./withdraw-score-correction.js"),
  "POST /v1/tenders/{tenderId}/evaluation": () => import("./evaluate-tender.js"),
  "GET /v1/tenders/{tenderId}/evaluation": () => import("./get-evaluation.js"),
  "POST /v1/tenders/{tenderId}/intended-award": () => import("./intended-award.js"),
  "POST /v1/tenders/{tenderId}/award": () => import("./award-tender.js"),
  "POST /v1/tenders/{tenderId}/lots/{lotId}/evaluation": () => import("./evaluate-lot.js"),
  "GET /v1/tenders/{tenderId}/lots/{lotId}/evaluation": () => import("./get-lot-evaluation.js"),
  "POST /v1/tenders/{tenderId}/lots/{lotId}/intended-award": () => import("./lot-intended-award.js"),
  "POST /v1/tenders/{tenderId}/lots/{lotId}/award": () => import("./award-lot.js"),
  "GET /v1/tenders/{tenderId}/ocds": () => import("./get-ocds.js"),
  "GET /v1/ocds/extension/{file}": () => import("./get-ocds-extension.js"),
  "GET /v1/ocds/releases": () => import("./list-ocds-releases.js"),
});
