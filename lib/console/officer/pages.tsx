import type { ConsolePage, NavItem } from "../page.js";
import { evaluationPages } from "./evaluation.js";
import { lifecyclePages } from "./lifecycle.js";
import { scoringPages } from "./scoring.js";
import { tenderPages } from "./tenders.js";
import { wizardPages } from "./wizard.js";

export { officerHome } from "./home.js";

/** The officer's pages under /console/: the wizard's fixed paths before the tender's `{tenderId}`. */
export const officerPages: ConsolePage[] = [
  ...wizardPages,
  ...tenderPages,
  ...lifecyclePages,
  ...scoringPages,
  ...evaluationPages,
];

/** The officer's links in the header. */
export const officerNav: NavItem[] = [
  { href: "/console/tenders", label: { nl: "Aanbestedingen", en: "Tenders" }, roles: ["officer"] },
];
