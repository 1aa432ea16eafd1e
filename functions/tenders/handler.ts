import { areaRouter } from "../../lib/http/router.js";
import { handler as awardTender } from "./award-tender.js";
import { handler as approveScoreCorrection } from "./approve-score-correction.js";
import { handler as cancelTender } from "./cancel-tender.js";
import { handler as createTender } from "./create-tender.js";
import { handler as evaluateTender } from "./evaluate-tender.js";
import { handler as getBid } from "./get-bid.js";
import { handler as getEvaluation } from "./get-evaluation.js";
import { handler as getTender } from "./get-tender.js";
import { handler as intendedAward } from "./intended-award.js";
import { handler as listBids } from "./list-bids.js";
import { handler as listScoreCorrections } from "./list-score-corrections.js";
import { handler as listTenders } from "./list-tenders.js";
import { handler as openBids } from "./open-bids.js";
import { handler as proposeScoreCorrection } from "./propose-score-correction.js";
import { handler as publishTender } from "./publish-tender.js";
import { handler as replaceBid } from "./replace-bid.js";
import { handler as scoreBid } from "./score-bid.js";
import { handler as submitBid } from "./submit-bid.js";
import { handler as updateTender } from "./update-tender.js";
import { handler as withdrawBid } from "./withdraw-bid.js";
import { handler as withdrawScoreCorrection } from "./withdraw-score-correction.js";

export const handler = areaRouter("tenders", [
  createTender,
  listTenders,
  getTender,
  updateTender,
  publishTender,
  cancelTender,
  submitBid,
  listBids,
  getBid,
  replaceBid,
  withdrawBid,
  openBids,
  scoreBid,
  proposeScoreCorrection,
  listScoreCorrections,
  approveScoreCorrection,
  withdrawScoreCorrection,
  evaluateTender,
  getEvaluation,
  intendedAward,
  awardTender,
]);
