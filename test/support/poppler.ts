import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithTool } from "./required-tool.js";

/**
 * The PDF checks read the rendered documents with poppler's command-line tools. Where they are
 * missing, a suite of such checks is skipped with a message saying how to install them, unless
 * CI=true: there it fails, so a CI run never passes without having checked the PDFs.
 */
const TOOLS = ["pdftotext", "pdffonts", "pdfinfo"] as const;
export const INSTALL_HINT = "apt-get install poppler-utils (Debian/Ubuntu), brew install poppler (macOS)";

const missing = TOOLS.filter((tool) => {
  const result = spawnSync(tool, ["-v"], { stdio: "ignore" });
  return (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
});

export const popplerMissing: readonly string[] = missing;

/** `describe`, when poppler is installed; else a skipped suite (or, with CI=true, a failing test). */
export const describeWithPoppler = (name: string, body: () => void): void =>
  describeWithTool(
    name,
    missing.length
      ? `${missing.join(", ")} not found: the PDF checks need poppler-utils (${INSTALL_HINT})`
      : undefined,
    "poppler-utils",
    body,
  );

/** Runs a poppler tool on the PDF (written to a temp file, removed after) and returns its stdout. */
function withPdfFile<T>(pdf: Buffer, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "pdf-check-"));
  try {
    const path = join(dir, "document.pdf");
    writeFileSync(path, pdf);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (tool: string, args: string[]): string =>
  execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

/** The text of the PDF in reading order (`pdftotext`); `layout` keeps the columns of tables. */
export const pdfText = (
  pdf: Buffer,
  options: { layout?: boolean; first?: number; last?: number } = {},
): string =>
  withPdfFile(pdf, (path) =>
    run("pdftotext", [
      ...(options.layout ? ["-layout"] : []),
      ...(options.first !== undefined ? ["-f", String(options.first)] : []),
      ...(options.last !== undefined ? ["-l", String(options.last)] : []),
      "-enc",
      "UTF-8",
      path,
      "-",
    ]),
  );

/** `pdfinfo` as key → value ("Tagged" → "yes", "Pages" → "9", "Title" → …). */
export const pdfInfo = (pdf: Buffer): Record<string, string> =>
  withPdfFile(pdf, (path) =>
    Object.fromEntries(
      run("pdfinfo", ["-enc", "UTF-8", path])
        .split("\n")
        .filter((line) => line.includes(":"))
        .map((line) => {
          const at = line.indexOf(":");
          return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
        }),
    ),
  );

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** Every font of the PDF (`pdffonts`). */
export const pdfFonts = (pdf: Buffer): PdfFont[] =>
  withPdfFile(pdf, (path) =>
    run("pdffonts", [path])
      .split("\n")
      .slice(2)
      .filter((line) => line.trim() !== "")
      .map((line) => {
        // name, type (may contain spaces), encoding, emb, sub, uni, object, ID
        const parts = line.trim().split(/\s+/);
        const [emb, sub, uni] = parts.slice(-5, -2);
        return {
          name: parts[0]!,
          type: parts.slice(1, -6).join(" "),
          embedded: emb === "yes",
          subset: sub === "yes",
          unicode: uni === "yes",
        };
      }),
  );
