import { Forbidden, NotFound } from "../../../lib/domain/errors.js";
import type { ReportFigures, ReportInput } from "../../../lib/domain/reports/model.js";
import { canonicalJson } from "../../../lib/operation.js";
import type { ReportGenerator } from "../../../lib/reports/generate.js";

/**
 * A small generator for the issuing machinery's tests: figures are a list of contract rows taken from
 * `data` (which a test changes to stand for data changing after issue), the renderings are plain
 * bytes derived from the figures and the number. `failAt` makes one step throw (a crash there).
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
      return {
        region: { id: request.regionId, name: request.regionId },
        scope: { kind: request.scope, id: request.scopeId, name: request.scopeId ?? request.regionId },
        period: request.period,
        computedAt: op.now.toISOString(),
        contracts: data.rows.map((row) => ({ contractId: row.contractId, acceptedCents: row.acceptedCents })),
        rules: { catalogues: [], policies: [] },
      } as unknown as ReportInput;
    },
    figures(input) {
      maybeFail("figures");
      const rows = input.contracts as unknown as TestData["rows"];
      return {
        formatVersion: 1,
        scope: input.scope,
        period: input.period,
        computedAt: input.computedAt,
        contracts: rows.map((r) => ({ contractId: r.contractId, acceptedCents: r.acceptedCents })),
        totals: { acceptedCents: rows.reduce((sum, r) => sum + r.acceptedCents, 0) },
      } as unknown as ReportFigures;
    },
    compare(issued, now) {
      const before = issued.contracts as unknown as TestData["rows"];
      const after = new Map((now.contracts as unknown as TestData["rows"]).map((r) => [r.contractId, r]));
      return before.flatMap((row) => {
        const current = after.get(row.contractId)?.acceptedCents ?? null;
        return current === row.acceptedCents
          ? []
          : [{ contractId: row.contractId, field: "acceptedCents", issued: row.acceptedCents, now: current }];
      });
    },
    async pdf(report) {
      maybeFail("pdf");
      return Buffer.from(`%PDF-1.7\n${report.number}\n${report.issuedAt}\n${report.figuresDigest}\n%%EOF\n`);
    },
    csv(figures, delimiter) {
      maybeFail("csv");
      const sep = delimiter === "semicolon" ? ";" : ",";
      const rows = figures.contracts as unknown as TestData["rows"];
      const body = ["contractId", ...rows.map((r) => r.contractId)].join(sep);
      return Buffer.from(
        `${delimiter === "semicolon" ? "\uFEFF" : ""}${body}\n${canonicalJson(rows.length)}\n`,
      );
    },
  };
}
