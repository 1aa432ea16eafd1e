/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The bid form's social-return offer valued as the supplier types: after a pause in typing, the form
 * is posted to the console (which asks the API's POST /v1/sroi/valuate) and the value region is
 * replaced by the fragment it answers, rendered exactly as the page renders it on submit. Without
 * this script the "value the offer" button does the same with a full page.
 */
const form = document.querySelector<HTMLFormElement>("form[data-offer-value]");
const region = document.getElementById("offer-value");
if (form && region) {
  const url = form.dataset.offerValue!;
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
      // Offline or the session ended: the button still values the offer with a full page.
    }
  };
  const schedule = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement | null;
    if (!target?.name || !(target.name === "price" || target.name.startsWith("lines."))) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
}
