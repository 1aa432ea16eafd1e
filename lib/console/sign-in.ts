import type { ConsolePage } from "./page.js";
import type { ConsoleSession } from "./session.js";

/** How visitors sign in: Cognito's managed login in AWS, the development sign-in locally. */
export interface SignIn {
  kind: "development" | "cognito" | "none";
  /** Its own pages: the sign-in page (or redirect) and, for Cognito, the callback. */
  pages: ConsolePage[];
  /** New API tokens when the session's have expired; undefined when they cannot be renewed. */
  refresh(session: ConsoleSession, now: Date): Promise<{ token: string; tokenExpiresAt: number } | undefined>;
  /** Where a visitor goes after the session is ended (Cognito's logout endpoint, or the sign-in page). */
  signOutLocation(origin: string): string;
  /** Origins a form may post or redirect to (the Content-Security-Policy's form-action). */
  formActionOrigins: string[];
}

/** Neither an identity provider nor a development key: every page says signing in is not set up. */
export const noSignIn: SignIn = {
  kind: "none",
  pages: [],
  refresh: async () => undefined,
  signOutLocation: () => "/console/sign-in",
  formActionOrigins: [],
};
