/** Everything under /console (and the site root, which redirects there) is served by the console. */
export const CONSOLE_BASE = "/console";

export const isConsolePath = (path: string): boolean =>
  path === "/" || path === CONSOLE_BASE || path.startsWith(`${CONSOLE_BASE}/`);

const RESOLVE_BASE = "https://console.invalid";

/**
 * A page to return to after signing in: only a console path on this origin, never `//host`, a scheme,
 * or a `..` that leads out of /console/, so the sign-in cannot be used to send a visitor elsewhere.
 */
export function safeReturnPath(candidate: string | null | undefined): string {
  const home = `${CONSOLE_BASE}/`;
  if (!candidate?.startsWith(home) || /[\\\s\p{Cc}]/u.test(candidate) || candidate.includes("//"))
    return home;
  // Resolved as a browser would: dot segments (also `%2e`) must not climb out of the console.
  const resolved = new URL(candidate, RESOLVE_BASE);
  if (resolved.origin !== RESOLVE_BASE || !resolved.pathname.startsWith(home)) return home;
  return candidate;
}
