/**
 * A tender's process as an OCDS 1.1 release package (with the lots, bid and awardCriteriaBreakdown
 * extensions and our own, lib/ocds/extension/). Pure: the caller passes the process, the publication
 * settings and `now`.
 *
 * Releases, each dated when its information became public:
 * - `tender` (publication): the tender, its lots with their award criteria, the buyer;
 * - `tenderUpdate` (after the submission deadline): per lot the number of bids, and of valid bids once
 *   evaluated — counts only;
 * - per lot with a final award, `award`: the award, its supplier and every bid of the lot (status,
 *   rank, scores; values: the awarded bid's, others' only with `publishBidPrices`), lowest and highest
 *   valid bid value;
 * - per awarded lot, `contract`: the contract, its period, value and implementation;
 * - `tenderCancellation` when a published tender is cancelled.
 * A draft has no package, and an intended award is never shown: it is not public until it is final.
 */
import { parseDeadline } from "../domain/amsterdam-time.js";
import { parseBidId } from "../domain/lots.js";
import { type Money, toMoney } from "../domain/money.js";
import type { Procedure } from "../domain/procurement/procedure.js";
import type { ContractType } from "../domain/sroi/obligation.js";
import type {
  OcdsAward,
  OcdsContract,
  OcdsOrganizationReference,
  OcdsPeriod,
  OcdsRelease,
  OcdsReleasePackage,
  OcdsTender,
} from "../schemas/responses/ocds.js";
import type { Lot, Tender } from "../tenders/tenders.js";
import { AWARD_CRITERIA_CODE, awardCriteriaBreakdown, awardCriteriaText } from "./award-criteria.js";
import { bidDetails, countStatistics, Parties, valueStatistics } from "./bids.js";
import { type OcdsPublication, ocidOf } from "./config.js";
import { extensionUrls } from "./extensions.js";
import type { TenderProcess } from "./process.js";

/** The method codelist: open, selective (a call for competition with a selection), limited, direct. */
const PROCUREMENT_METHOD: Record<Procedure, "open" | "selective" | "limited" | "direct"> = {
  open: "open",
  "national-open": "open",
  restricted: "selective",
  "negotiated-with-publication": "selective",
  "competitive-dialogue": "selective",
  "innovation-partnership": "selective",
  "multiple-private": "limited",
  "single-private": "direct",
};

const CATEGORY: Record<ContractType, "goods" | "works" | "services"> = {
  works: "works",
  services: "services",
  supplies: "goods",
};

/** A contract date (Amsterdam calendar day) as the date-time OCDS periods take: its first or last second. */
const dayStart = (date: string) => parseDeadline(`${date}T00:00`).toISOString();
const dayEnd = (date: string) => parseDeadline(`${date}T23:59:59`).toISOString();
const period = (p: { startDate: string; endDate: string }): OcdsPeriod => ({
  startDate: dayStart(p.startDate),
  endDate: dayEnd(p.endDate),
});

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const at = (instant: string) => Date.parse(instant);

type Status = OcdsTender["status"];

/** A lot's status at `instant`: complete once finally awarded, cancelled with the tender, else active. */
function lotStatusAt(tender: Tender, lot: Lot, instant: string): Status {
  if (lot.award && at(lot.award.at) <= at(instant)) return "complete";
  if (tender.cancellation && at(tender.cancellation.at) <= at(instant)) return "cancelled";
  return "active";
}

function tenderStatusAt(tender: Tender, instant: string): Status {
  if (tender.cancellation && at(tender.cancellation.at) <= at(instant)) return "cancelled";
  return tender.lots.every((lot) => lotStatusAt(tender, lot, instant) === "complete") ? "complete" : "active";
}

/** The tender section of a later release: its status and its lots' status at that moment. */
const tenderStateAt = (tender: Tender, instant: string): OcdsTender => ({
  id: tender.id,
  status: tenderStatusAt(tender, instant),
  lots: tender.lots.map((lot) => ({ id: lot.id, status: lotStatusAt(tender, lot, instant) })),
});

function awardCriteriaDetails(tender: Tender): string {
  if (tender.lots.length === 1) return awardCriteriaText(tender.lots[0]!.awardModel);
  return tender.lots
    .map((lot) => `Lot ${lot.id} (${lot.title}): ${awardCriteriaText(lot.awardModel)}`)
    .join("\n");
}

function tenderSection(tender: Tender, publishedAt: string, buyer: OcdsOrganizationReference): OcdsTender {
  const methods = new Set(tender.lots.map((lot) => lot.awardModel.method));
  const contractPeriod = period(tender.contractPeriod);
  return {
    id: tender.id,
    title: tender.title,
    ...(tender.description ? { description: tender.description } : {}),
    status: "active",
    procuringEntity: buyer,
    items: tender.lots.map((lot) => ({
      id: lot.id,
      description: lot.title,
      classification: { scheme: "CPV", id: tender.cpvCode },
      relatedLot: lot.id,
    })),
    value: tender.estimatedValue,
    procurementMethod: PROCUREMENT_METHOD[tender.procedure],
    procurementMethodDetails: tender.procedure,
    mainProcurementCategory: CATEGORY[tender.contractType],
    ...(methods.size === 1 ? { awardCriteria: AWARD_CRITERIA_CODE[[...methods][0]!] } : {}),
    awardCriteriaDetails: awardCriteriaDetails(tender),
    submissionMethod: ["electronicSubmission"],
    tenderPeriod: { startDate: publishedAt, endDate: tender.submissionDeadline },
    contractPeriod,
    lots: tender.lots.map((lot) => ({
      id: lot.id,
      title: lot.title,
      status: "active",
      value: lot.estimatedValue,
      contractPeriod,
      awardCriteria: awardCriteriaBreakdown(lot.awardModel),
    })),
    ...(tender.maxLotsPerSupplier
      ? { lotDetails: { maximumLotsAwardedPerSupplier: tender.maxLotsPerSupplier } }
      : {}),
  };
}

export const awardId = (lotId: string) => `award-${lotId}`;

const lotTitle = (tender: Tender, lot: Lot) =>
  tender.lots.length > 1 ? `${tender.title} — ${lot.title}` : tender.title;

/** Builds the releases of one tender; see the module comment for what each holds. */
function releasesOf(process: TenderProcess, ocid: string, now: Date): OcdsRelease[] {
  const { tender } = process;
  const published = tender.published;
  if (!published) throw new Error(`Tender ${tender.id} is not published: it has no OCDS releases.`);
  const release = (
    id: string,
    date: string,
    tag: OcdsRelease["tag"],
    parties: Parties,
    rest: Partial<OcdsRelease>,
  ) => {
    return {
      ocid,
      id: `${ocid}-${id}`,
      date,
      tag,
      initiationType: "tender" as const,
      parties: parties.list(),
      buyer: parties.ref(tender.buyerId),
      tender: tenderStateAt(tender, date),
      ...rest,
    };
  };
  const releases: OcdsRelease[] = [];

  const tenderParties = new Parties(process);
  const buyer = tenderParties.ref(tender.buyerId);
  releases.push(
    release("tender", published.at, ["tender"], tenderParties, {
      tender: tenderSection(tender, published.at, buyer),
    }),
  );

  // Counts once the deadline has passed (not while suppliers can still bid), unless cancelled before it.
  const deadlinePassed = now.getTime() >= at(tender.submissionDeadline);
  const cancelledBefore = tender.cancellation && at(tender.cancellation.at) < at(tender.submissionDeadline);
  if (deadlinePassed && !cancelledBefore) {
    const date = tender.lots.reduce((latest, lot) => {
      const evaluated = process.lots[lot.id]?.evaluation?.at;
      return evaluated ? later(latest, evaluated) : latest;
    }, tender.submissionDeadline);
    releases.push(
      release(`bids-${date.replace(/[^0-9]/g, "")}`, date, ["tenderUpdate"], new Parties(process), {
        bids: {
          statistics: tender.lots.flatMap((lot) => countStatistics(tender, lot.id, process.lots[lot.id]!)),
        },
      }),
    );
  }

  for (const lot of tender.lots) {
    const award = lot.award;
    const state = process.lots[lot.id];
    if (!award || !state) continue;
    const winner = parseBidId(award.bidId).supplierId;
    const parties = new Parties(process);
    const supplier = parties.add(winner, "tenderer", "supplier");
    const details = bidDetails(tender, lot.id, state, award.bidId, parties, winner);
    const value: Money | undefined = award.value ?? state.bids.find((b) => b.bidId === award.bidId)?.price;
    const ocdsAward: OcdsAward = {
      id: awardId(lot.id),
      title: lotTitle(tender, lot),
      status: "active",
      date: award.at,
      ...(value ? { value } : {}),
      suppliers: [supplier],
      contractPeriod: period(tender.contractPeriod),
      relatedLots: [lot.id],
      relatedBid: award.bidId,
    };
    releases.push(
      release(`award-${lot.id}`, award.at, ["award"], parties, {
        awards: [ocdsAward],
        bids: {
          statistics: [
            ...countStatistics(tender, lot.id, state),
            ...valueStatistics(lot.id, state, award.at),
          ],
          details,
        },
      }),
    );

    if (!state.contract) continue;
    const { contract, implementation } = state.contract;
    const contractParties = new Parties(process);
    contractParties.add(contract.supplierId, "supplier");
    const ocdsContract: OcdsContract = {
      id: contract.id,
      awardID: awardId(lot.id),
      title: contract.title,
      status: "active",
      period: period(contract),
      value: toMoney(contract.valueCents),
      ...(implementation ? { implementation } : {}),
    };
    releases.push(
      release(`contract-${lot.id}`, later(award.at, contract.createdAt), ["contract"], contractParties, {
        contracts: [ocdsContract],
      }),
    );
  }

  const cancellation = tender.cancellation;
  if (cancellation) {
    releases.push(
      release("cancellation", cancellation.at, ["tenderCancellation"], new Parties(process), {
        tender: { ...tenderStateAt(tender, cancellation.at), cancellationReason: cancellation.reason },
      }),
    );
  }
  return releases.sort((a, b) => at(a.date) - at(b.date));
}

/**
 * The release package of one published tender, as GET /v1/tenders/{tenderId}/ocds answers it.
 * `baseUrl`: the API's public URL, for the package's own URI and our extension's.
 */
export function tenderReleasePackage(
  process: TenderProcess,
  publication: OcdsPublication,
  baseUrl: string,
  now: Date,
): OcdsReleasePackage {
  const releases = releasesOf(process, ocidOf(publication, process.tender.id), now);
  return {
    uri: `${baseUrl}/v1/tenders/${encodeURIComponent(process.tender.id)}/ocds`,
    version: "1.1",
    extensions: extensionUrls(baseUrl),
    // Generated on demand: the date of the latest change to what it holds.
    publishedDate: releases.reduce((latest, r) => later(latest, r.date), releases[0]!.date),
    publisher: publication.publisher,
    ...(publication.license ? { license: publication.license } : {}),
    ...(publication.publicationPolicy ? { publicationPolicy: publication.publicationPolicy } : {}),
    releases,
  };
}
