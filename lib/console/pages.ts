import type { Role } from "../operation.js";
import { adminHome, adminNav, adminPages } from "./admin/pages.js";
import { invitePages, inviteNav } from "./admin/invite.js";
import { auditorHome, auditorNav, auditorPages } from "./auditor/pages.js";
import { contractNav, contractPages } from "./contracts/pages.js";
import { officerHome, officerNav, officerPages } from "./officer/pages.js";
import type { ConsolePage, HtmlResult, NavItem, PageContext } from "./page.js";
import { supplierHome, supplierNav, supplierPages } from "./supplier/pages.js";

const HOMES: Record<Role, (ctx: PageContext) => Promise<HtmlResult>> = {
  officer: officerHome,
  supplier: supplierHome,
  auditor: auditorHome,
  admin: adminHome,
};

/**
 * The console's route list: its own, apart from the API's (lib/http/routes.ts), so the OpenAPI
 * document and the audit walk never see it. In AWS the gateway sends /console/* here unauthenticated;
 * the handler checks the session and each page's roles.
 */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  {
    method: "GET",
    path: "/console/",
    access: ["officer", "supplier", "auditor", "admin"],
    handle: (ctx) => HOMES[ctx.session!.role as Role](ctx),
  },
  ...officerPages,
  ...supplierPages,
  ...auditorPages,
  ...adminPages,
  ...invitePages,
  ...contractPages,
];

export const CONSOLE_NAV: readonly NavItem[] = [
  ...officerNav,
  ...supplierNav,
  ...contractNav,
  ...auditorNav,
  ...adminNav,
  ...inviteNav,
];
