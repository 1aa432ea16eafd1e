/**
 * The README's walk-through as a script. Code blocks fenced as ```sh walkthrough run in order, as one
 * bash script; a curl call must get the HTTP status written after `→` in a comment on its command
 * (or on the comment line right below it), otherwise a 2xx.
 */

export interface Command {
  /** 1-based line in the markdown where the command starts. */
  line: number;
  text: string;
  /** The status its curl call must get: "401", or "2xx" when none is written. Absent without curl. */
  expect?: string;
}

const FENCE = /^```sh walkthrough\s*$/;

/** The commands of every walk-through block, in order (multi-line commands joined). */
export function walkthroughCommands(markdown: string): Command[] {
  const lines = markdown.split("\n");
  const commands: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    commands.push(...commandsOf(lines.slice(start, end), start + 1));
    i = end;
  }
  return commands;
}

/** Splits shell lines into commands: a command goes on while a quote is open or a line ends in `\`. */
export function commandsOf(lines: string[], firstLine = 1): Command[] {
  const commands: Command[] = [];
  let quote: "'" | '"' | null = null;
  let current: { line: number; lines: string[]; comments: string[] } | null = null;
  lines.forEach((line, index) => {
    const { code, comment, openQuote } = scan(line, quote);
    quote = openQuote;
    if (!current) {
      if (!code.trim()) {
        // A comment line right below a command may hold its expected status.
        const last = commands.at(-1);
        const status = statusIn([comment]);
        if (status && last?.expect && last.line + last.text.split("\n").length === firstLine + index)
          last.expect = status;
        return;
      }
      current = { line: firstLine + index, lines: [], comments: [] };
    }
    current.lines.push(line);
    if (comment) current.comments.push(comment);
    if (quote || code.trimEnd().endsWith("\\")) return;
    const text = current.lines.join("\n");
    const command: Command = { line: current.line, text };
    const expected = expectation(text, current.comments);
    if (expected) command.expect = expected;
    commands.push(command);
    current = null;
  });
  if (current) throw new Error(`unterminated command at line ${(current as { line: number }).line}`);
  return commands;
}

const statusIn = (comments: string[]): string | undefined =>
  comments.map((c) => /→\s*(\d{3})\b/.exec(c)?.[1]).find(Boolean);

const expectation = (text: string, comments: string[]): string | undefined =>
  /\bcurl\b/.test(text) ? (statusIn(comments) ?? "2xx") : undefined;

/** The code and comment of one line, given the quote open at its start. */
function scan(line: string, open: "'" | '"' | null) {
  let quote = open;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!)))
      return { code: line.slice(0, i), comment: line.slice(i), openQuote: null };
  }
  return { code: line, comment: "", openQuote: quote };
}

/**
 * The bash script: strict mode, a `curl` function that checks each call's status against the
 * command's expectation and logs `<README line> <status>` to `log`, then the commands in order.
 */
export function walkthroughScript(commands: Command[], log: string, body: string): string {
  const prelude = `set -euo pipefail
trap 'echo "walk-through failed at README line $__line" >&2' ERR
__log=${JSON.stringify(log)}; __body=${JSON.stringify(body)}; __line=0; __want=2xx
curl() {
  local code
  code=$(command curl -sS -o "$__body" -w '%{http_code}' "$@") || return $?
  cat "$__body"
  echo "$__line $code" >> "$__log"
  if [[ $__want == 2xx && $code == 2?? || $code == "$__want" ]]; then return 0; fi
  echo "README line $__line: expected HTTP $__want, got $code" >&2
  return 1
}
`;
  const steps = commands.map((c) => `__line=${c.line}; __want=${c.expect ?? "none"}\n${c.text}`);
  return `${prelude}\n${steps.join("\n")}\n`;
}
