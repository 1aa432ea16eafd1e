import type { ConsolePage, NavItem } from "../page.js";
import { contractPage } from "./contract.js";
import { contractList } from "./list.js";
import { contractMessages } from "./messages.js";
import { postReview, QUEUE_PATH, reviewPage, reviewQueue } from "./reviews.js";

/** Contracts with their social-return balances, and the review queue: pages several roles share. */
export const contractPages: ConsolePage[] = [
  {
    method: "GET",
    path: "/console/contracts",
    access: ["officer", "supplier", "auditor"],
    handle: contractList,
  },
  {
    method: "GET",
    path: "/console/contracts/{contractId}",
    access: ["officer", "supplier", "auditor"],
    handle: contractPage,
  },
  { method: "GET", path: QUEUE_PATH, access: ["officer", "auditor"], handle: reviewQueue },
  {
    method: "GET",
    path: "/console/contracts/{contractId}/entries/{entryId}/review",
    access: ["officer", "auditor"],
    handle: reviewPage,
  },
  {
    method: "POST",
    path: "/console/contracts/{contractId}/entries/{entryId}/review",
    access: ["officer", "auditor"],
    handle: postReview,
  },
];

export const contractNav: NavItem[] = [
  {
    href: "/console/contracts",
    label: { nl: contractMessages.nl.navContracts, en: contractMessages.en.navContracts },
    roles: ["officer", "supplier", "auditor"],
  },
  {
    href: QUEUE_PATH,
    label: { nl: contractMessages.nl.navReviews, en: contractMessages.en.navReviews },
    roles: ["officer", "auditor"],
  },
];
