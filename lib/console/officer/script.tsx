import * as assets from "../assets/assets.js";

/**
 * The what-if's live script (lib/console/scripts/what-if.ts), where the asset build serves browser
 * scripts (`scriptUrl`); without it the ranking refreshes through "Show ranking", the same page.
 */
export function WhatIfScript() {
  const scriptUrl = (assets as unknown as { scriptUrl?: (name: string) => string }).scriptUrl;
  return scriptUrl ? <script type="module" src={scriptUrl("what-if")} defer></script> : null;
}
