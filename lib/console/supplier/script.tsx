import * as assets from "../assets/assets.js";

/**
 * The tag of the offer-value script (lib/console/scripts/offer-value.ts), where the asset build serves
 * browser scripts (`scriptUrl`); without it the page works the same through its buttons.
 */
export function OfferValueScript() {
  const scriptUrl = (assets as unknown as { scriptUrl?: (name: string) => string }).scriptUrl;
  return scriptUrl ? <script type="module" src={scriptUrl("offer-value")} defer></script> : null;
}
