import { scriptUrl } from "../assets/assets.js";

/**
 * The tag of the offer-value script (lib/console/scripts/offer-value.ts); without script the page
 * works the same through its buttons.
 */
export function OfferValueScript() {
  return <script type="module" src={scriptUrl("offer-value")} defer></script>;
}
