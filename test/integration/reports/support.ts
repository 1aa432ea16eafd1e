import { type ReportGenerator, realGenerator } from "../../../lib/reports/generate.js";

/** A step of issuing that a test makes throw (a crash there), and how many more times it throws. */
export interface Faults {
  failAt?: "input" | "figures" | "pdf" | "csv" | undefined;
  failures?: number;
}

/** The real generator, whose steps throw as `faults` says: a crash at that step of issuing. */
export function faultyGenerator(faults: Faults): ReportGenerator {
  const maybeFail = (step: NonNullable<Faults["failAt"]>) => {
    if (faults.failAt === step && (faults.failures ?? 0) > 0) {
      faults.failures! -= 1;
      throw new Error(`injected crash at ${step}`);
    }
  };
  return {
    ...realGenerator,
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
      return realGenerator.pdf(report);
    },
    async csv(figures, delimiter) {
      maybeFail("csv");
      return realGenerator.csv(figures, delimiter);
    },
  };
}
