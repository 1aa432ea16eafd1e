/**
 * The what-if's live script: none yet on this branch, so the ranking refreshes on "Show ranking"
 * (the page works the same without it).
 */
export const WhatIfScript = () => null;
