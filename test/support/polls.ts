import type { Locator } from "playwright-core";

/** Reads for expect.poll: playwright-core has no web-first assertions of its own. */
export const text = (l: Locator) => async () => ((await l.textContent()) ?? "").trim();
export const value = (l: Locator) => () => l.inputValue();
export const count = (l: Locator) => () => l.count();
export const invalid = (l: Locator) => () => l.getAttribute("aria-invalid");
