/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The tender wizard's what-if ranking, live: after a pause in typing in the award model or the sample
 * bids, the form is posted to the console's what-if route (which asks the API's POST
 * /v1/scoring/simulate) and the ranking region is replaced by the fragment it answers, rendered as
 * the page renders it on "Show ranking". Without this script that button does the same.
 */
const region = document.querySelector<HTMLElement>("[data-what-if]");
const form = region?.closest("form");
if (region && form) {
  const url = region.dataset.whatIf!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  const refresh = async () => {
    const request = ++latest;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === "string") body.append(name, value);
    try {
      const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
      // An answer overtaken by a later keystroke, or a failure, leaves the region as it is.
      if (request === latest && response.ok) region.innerHTML = await response.text();
    } catch {
      // Offline or the session ended: "Show ranking" still works with a full page.
    }
  };
  const schedule = (event: Event) => {
    const name = (event.target as HTMLInputElement | null)?.name ?? "";
    if (!name.startsWith("awardModel.") && !name.startsWith("whatIf.")) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
}
