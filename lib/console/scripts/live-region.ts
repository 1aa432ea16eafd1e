/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * A region of a form that follows what is typed: the bid form's offer value, the wizard's what-if
 * ranking. The region names the console route that renders it (`data-live-url`) and the fields it
 * depends on (`data-live-fields`, name prefixes). After a pause in typing in one of them the form is
 * posted there and the region replaced by the fragment answered, rendered as the page renders it on
 * submit. Without this script the form's own button does the same with a full page.
 */
for (const region of document.querySelectorAll<HTMLElement>("[data-live-url]")) {
  const form = region.closest("form");
  if (!form) continue;
  const url = region.dataset.liveUrl!;
  const prefixes = (region.dataset.liveFields ?? "").split(" ").filter(Boolean);
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
      // Offline or the session ended: the form's button still works with a full page.
    }
  };
  const schedule = (event: Event) => {
    const name = (event.target as HTMLInputElement | null)?.name ?? "";
    if (!prefixes.some((prefix) => name === prefix || name.startsWith(prefix))) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 450);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
}
