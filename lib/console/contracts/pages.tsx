import type { ConsolePage, NavItem } from "../page.js";

/** Contracts with their social-return balances, and the review queue: pages several roles share. */
export const contractPages: ConsolePage[] = [];

export const contractNav: NavItem[] = [];
