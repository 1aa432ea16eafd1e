import { areaRouter } from "../../lib/http/router.js";
import { handler as awardTender } from "./award-tender.js";
import { handler as cancelTender } from "./cancel-tender.js";
import { handler as createTender } from "./create-tender.js";
import { handler as evaluateTender } from "./evaluate-tender.js";
import { handler as getBid } from "./get-bid.js";
import { handler as getEvaluation } from "./get-evaluation.js";
import { handler as getTender } from "./get-tender.js";
import { handler as intendedAward } from "./intended-award.js";
import { handler as listBids } from "./list-bids.js";
import { handler as listTenders } from "./list-tenders.js";
import { handler as openBids } from "./open-bids.js";
import { handler as publishTender } from "./publish-tender.js";
import { handler as replaceBid } from "./replace-bid.js";
import { handler as scoreBid } from "./score-bid.js";
import { handler as submitBid } from "./submit-bid.js";
import { handler as updateTender } from "./update-tender.js";
import { handler as withdrawBid } from "./withdraw-bid.js";

export const handler = areaRouter("tenders", {
  "POST /v1/tenders": createTender,
  "GET /v1/tenders": listTenders,
  "GET /v1/tenders/{tenderId}": getTender,
  "PATCH /v1/tenders/{tenderId}": updateTender,
  "POST /v1/tenders/{tenderId}/publish": publishTender,
  "POST /v1/tenders/{tenderId}/cancel": cancelTender,
  "POST /v1/tenders/{tenderId}/bids": submitBid,
  "GET /v1/tenders/{tenderId}/bids": listBids,
  "GET /v1/tenders/{tenderId}/bids/{bidId}": getBid,
  "PUT /v1/tenders/{tenderId}/bids/{bidId}": replaceBid,
  "DELETE /v1/tenders/{tenderId}/bids/{bidId}": withdrawBid,
  "POST /v1/tenders/{tenderId}/open": openBids,
  "PUT /v1/tenders/{tenderId}/bids/{bidId}/scores": scoreBid,
  "POST /v1/tenders/{tenderId}/evaluation": evaluateTender,
  "GET /v1/tenders/{tenderId}/evaluation": getEvaluation,
  "POST /v1/tenders/{tenderId}/intended-award": intendedAward,
  "POST /v1/tenders/{tenderId}/award": awardTender,
});
