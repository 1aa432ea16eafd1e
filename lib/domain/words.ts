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
