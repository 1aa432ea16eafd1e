import { canonicalJson } from "../../../lib/operation.js";
import { type ReportGenerator, realGenerator } from "../../../lib/reports/generate.js";

/** A step of issuing that a test makes throw (a crash there), and how many more times it throws. */
export interface Faults {
  failAt?: "input" | "figures" | "pdf" | "csv" | undefined;
  failures?: number;
}

/**
 * The real generator (permissions, input from the running totals, the domain's figures and
 * comparison), whose steps throw as `faults` says. The renderings are plain bytes derived from the
 * figures and the number while the PDF and CSV renderers are not in this build.
 */
export function testGenerator(faults: Faults = {}): ReportGenerator {
  const maybeFail = (step: NonNullable<Faults["failAt"]>) => {
    if (faults.failAt === step && (faults.failures ?? 0) > 0) {
      faults.failures! -= 1;
      throw new Error(`injected crash at ${step}`);
    }
  };
  return {
    authorize: realGenerator.authorize,
    compare: realGenerator.compare,
    async input(op, request, onProgress) {
      maybeFail("input");
      return realGenerator.input(op, request, onProgress);
    },
    figures(input) {
      maybeFail("figures");
      return realGenerator.figures(input);
    },
    async pdf(report) {
      maybeFail("pdf");
      return Buffer.from(`%PDF-1.7\n${report.number}\n${report.issuedAt}\n${report.figuresDigest}\n%%EOF\n`);
    },
    async csv(figures, delimiter) {
      maybeFail("csv");
      const sep = delimiter === "semicolon" ? ";" : ",";
      const ids = figures.contracts.map((c) => c.contractId);
      const totals = canonicalJson(figures.totals.current.acceptedCents);
      return Buffer.from(
        `${delimiter === "semicolon" ? "\uFEFF" : ""}contractId${sep}${ids.join(sep)}\n${totals}\n`,
      );
    },
  };
}
