/** Dutch by default; English by choice, remembered in a cookie. */
export const LANGS = ["nl", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "nl";

export const isLang = (value: unknown): value is Lang => LANGS.includes(value as Lang);

/**
 * A module's messages in both languages: the Dutch set names the keys, and the English set must have
 * exactly the same ones (a missing translation is a type error). A message is a string or a function
 * of its parameters.
 */
export type Messages<K extends string = string> = Record<K, string | ((...args: never[]) => string)>;
export type Bilingual<M extends Messages> = { nl: M; en: { [K in keyof M]: M[K] } };

export function bilingual<M extends Messages>(messages: Bilingual<M>): Bilingual<M> {
  return messages;
}

/** The messages of `lang`. */
export const inLang = <M extends Messages>(messages: Bilingual<M>, lang: Lang): M => messages[lang] as M;

const LOCALE: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };
const TIME_ZONE = "Europe/Amsterdam";

const moneyFormats = new Map<Lang, Intl.NumberFormat>();
/** Integer cents as `€ 1.234.567,89` (nl) or `€1,234,567.89` (en); exact, since cents are integers. */
export function formatMoney(cents: number, lang: Lang): string {
  let format = moneyFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], { style: "currency", currency: "EUR" });
    moneyFormats.set(lang, format);
  }
  return format.format(cents / 100).replace(/\u00a0/g, " ");
}

/** Euros as the API gives them (`{ amount: 1250.5 }`) in cents, rounded half away from zero (exact below € 10^11). */
export const centsOf = (amount: number): number =>
  // toPrecision first: 0.285 * 100 is 28.499999999999996 in binary, and must round to 29.
  Math.sign(amount) * Math.round(Number((Math.abs(amount) * 100).toPrecision(15)));

export const formatNumber = (value: number, lang: Lang, maximumFractionDigits = 2): string =>
  new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits }).format(value);

/** A share (0.621) as `62,1%` / `62.1%`, one decimal. */
export const formatPercent = (share: number, lang: Lang): string =>
  new Intl.NumberFormat(LOCALE[lang], {
    style: "percent",
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  })
    .format(share)
    .replace(/\u00a0/g, " ");

/** A date (`2026-05-15` or an instant) as `15 mei 2026` / `15 May 2026`, in Amsterdam time. */
export function formatDate(value: string | Date, lang: Lang): string {
  const date =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: "long", timeZone: TIME_ZONE }).format(date);
}

/** An instant as `15 mei 2026 14:30` in Amsterdam time. */
export const formatDateTime = (value: string | Date, lang: Lang): string =>
  new Intl.DateTimeFormat(LOCALE[lang], {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(value));
