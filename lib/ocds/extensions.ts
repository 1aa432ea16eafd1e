/**
 * The OCDS extensions a release package uses, as the URLs of their extension.json. The official ones
 * are pinned to the versions whose copies the tests validate against (lib/ocds/schema/SOURCES.md); our
 * own extension (lib/ocds/extension/) is served by the API itself.
 */
const OFFICIAL = "https://raw.githubusercontent.com/open-contracting-extensions";

export const OFFICIAL_EXTENSIONS = {
  lots: `${OFFICIAL}/ocds_lots_extension/v1.1.5/extension.json`,
  bid: `${OFFICIAL}/ocds_bid_extension/v1.1.5/extension.json`,
  awardCriteriaBreakdown: `${OFFICIAL}/ocds_awardCriteriaBreakdown_extension/9391240f353e8536992938fe9f7987cd89235331/extension.json`,
} as const;

/** Where the API serves our extension's files (GET /v1/ocds/extension/{file}). */
export const LOCAL_EXTENSION_PATH = "/v1/ocds/extension";
export const LOCAL_EXTENSION_FILES = ["extension.json", "release-schema.json"] as const;

/** In the order their patches apply: lots, bid, awardCriteriaBreakdown, then ours. */
export const extensionUrls = (baseUrl: string): string[] => [
  OFFICIAL_EXTENSIONS.lots,
  OFFICIAL_EXTENSIONS.bid,
  OFFICIAL_EXTENSIONS.awardCriteriaBreakdown,
  `${baseUrl}${LOCAL_EXTENSION_PATH}/extension.json`,
];
