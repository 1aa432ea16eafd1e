/**
 * English indefinite articles for words put into messages ("an officer", "a supplier", "an hours
 * block"). By sound, for the words this service uses: a vowel letter takes "an" except a "you"
 * sound (unit, euro); a silent h (hour) takes "an".
 */
export function article(word: string): "a" | "an" {
  const w = word.toLowerCase();
  if (/^(hour|honest|honou?r|heir)/.test(w)) return "an";
  if (/^(eu|uni|use|usu|one\b|once)/.test(w)) return "a";
  return /^[aeiou]/.test(w) ? "an" : "a";
}

/** "an officer"; `capital` for the start of a sentence ("An officer"). */
export function withArticle(word: string, capital = false): string {
  const a = article(word);
  return `${capital ? a[0]!.toUpperCase() + a.slice(1) : a} ${word}`;
}

/**
 * A number as British English writes it, digits grouped: "10,000,000,000", "-0.5", "0.0000001".
 * The same text as `n.toLocaleString("en-GB", { maximumFractionDigits: 20 })` without Intl, whose
 * first use loads locale data (~10 ms when a function starts); numbers with more decimals than that,
 * and non-finite ones, are left to Intl.
 */
export function showNumber(n: number): string {
  const [digits, exponent] = String(Math.abs(n)).split("e") as [string, string?];
  let [whole, fraction = ""] = digits.split(".") as [string, string?];
  if (exponent) {
    // Shortest digits with an exponent (1e+21, 1.5e-7): move the decimal point.
    const all = whole + fraction;
    const point = whole.length + Number(exponent);
    whole = point <= 0 ? "0" : all.slice(0, point).padEnd(point, "0");
    fraction = point <= 0 ? "0".repeat(-point) + all : all.slice(point);
  }
  if (!Number.isFinite(n) || fraction.length > 20) {
    return n.toLocaleString("en-GB", { maximumFractionDigits: 20 });
  }
  const sign = n < 0 || Object.is(n, -0) ? "-" : "";
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
}
