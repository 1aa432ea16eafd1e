/** Everything under /console (and the site root, which redirects there) is served by the console. */
export const CONSOLE_BASE = "/console";

export const isConsolePath = (path: string): boolean =>
  path === "/" || path === CONSOLE_BASE || path.startsWith(`${CONSOLE_BASE}/`);

/**
 * A page to return to after signing in: only a console path on this origin, never `//host` or a
 * scheme, so the sign-in cannot be used to send a visitor elsewhere.
 */
export function safeReturnPath(candidate: string | null | undefined): string {
  if (!candidate?.startsWith(`${CONSOLE_BASE}/`) || /[\\\s]/.test(candidate) || candidate.includes("//"))
    return `${CONSOLE_BASE}/`;
  return candidate;
}
