/// <reference lib="dom" />
/**
 * A report being made: its status block is fetched again every few seconds and swapped in (a polite
 * live region announces the change) until the report is done. Without this script the page's
 * refresh link does the same.
 */
const poll = async (): Promise<void> => {
  const current = document.getElementById("report-state");
  const every = Number(current?.dataset.refreshMs);
  if (!current || !every) return;
  await new Promise((resolve) => setTimeout(resolve, every));
  try {
    const response = await fetch(location.href, { credentials: "same-origin" });
    if (!response.ok) return;
    const next = new DOMParser()
      .parseFromString(await response.text(), "text/html")
      .getElementById("report-state");
    if (!next) return;
    current.replaceWith(next);
  } catch {
    return; // offline or signed out: the refresh link still works
  }
  await poll();
};
void poll();
