import type { ConsolePage, NavItem } from "../page.js";

/** Inviting a user with a role and organisation (through the Cognito user pool in AWS). */
export const invitePages: ConsolePage[] = [];

export const inviteNav: NavItem[] = [];
