import { Forbidden, NotFound } from "../../../lib/domain/errors.js";
import { compareFigures } from "../../../lib/domain/reports/compare.js";
import { computeFigures } from "../../../lib/domain/reports/figures.js";
import type { ReportInput } from "../../../lib/domain/reports/model.js";
import { canonicalJson } from "../../../lib/operation.js";
import type { ReportGenerator } from "../../../lib/reports/generate.js";
import { contract, row } from "../../unit/reports/support.js";

/**
 * A generator for the issuing machinery's tests: the input is one contract per row of `data` (which
 * a test changes to stand for data changing after issue) with its accepted value in March 2026, the
 * figures and comparison are the domain's, the renderings plain bytes derived from the figures and
 * the number. `failAt` makes one step throw (a crash there).
 */
export interface TestData {
  rows: { contractId: string; acceptedCents: number }[];
  failAt?: "input" | "figures" | "pdf" | "csv" | undefined;
  /** How many more times `failAt` throws. */
  failures?: number;
}

export function testGenerator(data: TestData): ReportGenerator {
  const maybeFail = (step: NonNullable<TestData["failAt"]>) => {
    if (data.failAt === step && (data.failures ?? 0) > 0) {
      data.failures! -= 1;
      throw new Error(`injected crash at ${step}`);
    }
  };
  return {
    async authorize(actor, request) {
      const allowed =
        (actor.role === "auditor" && actor.regionId === request.regionId) ||
        (actor.role === "officer" && request.scope === "municipality" && request.scopeId === actor.orgId) ||
        (actor.role === "supplier" && request.scope === "supplier" && request.scopeId === actor.orgId);
      if (actor.role === "auditor" && actor.regionId !== request.regionId) throw new NotFound("region");
      if (!allowed) throw new Forbidden("Not your scope.");
    },
    async input(op, request, onProgress) {
      maybeFail("input");
      onProgress?.(data.rows.length, data.rows.length);
      const input: ReportInput = {
        region: { id: request.regionId, name: request.regionId },
        scope: { kind: request.scope, id: request.scopeId, name: request.scopeId ?? request.regionId },
        period: request.period,
        computedAt: op.now.toISOString(),
        contracts: data.rows.map((r) =>
          contract(r.contractId, {
            months: [row("2026-03", "wep", { entries: 1, acceptedCount: 1, creditedCents: r.acceptedCents })],
          }),
        ),
        rules: { catalogues: [], policies: [] },
      };
      return input;
    },
    figures(input) {
      maybeFail("figures");
      return computeFigures(input);
    },
    compare: compareFigures,
    async pdf(report) {
      maybeFail("pdf");
      return Buffer.from(`%PDF-1.7\n${report.number}\n${report.issuedAt}\n${report.figuresDigest}\n%%EOF\n`);
    },
    async csv(figures, delimiter) {
      maybeFail("csv");
      const sep = delimiter === "semicolon" ? ";" : ",";
      const rows = figures.contracts;
      const body = ["contractId", ...rows.map((r) => r.contractId)].join(sep);
      return Buffer.from(
        `${delimiter === "semicolon" ? "\uFEFF" : ""}${body}\n${canonicalJson(rows.length)}\n`,
      );
    },
  };
}
