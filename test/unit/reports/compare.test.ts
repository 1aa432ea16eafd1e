import { describe, expect, it } from "vitest";
import { compareFigures } from "../../../lib/domain/reports/compare.js";
import { computeFigures } from "../../../lib/domain/reports/figures.js";
import type { ReportContractInput } from "../../../lib/domain/reports/model.js";
import { contract, reportInput, row } from "./support.js";

const pending = row("2026-03", "pw-2plus", {
  entries: 1,
  pendingCount: 1,
  pendingCents: 400_000,
  persons: 0,
});
const accepted = row("2026-03", "pw-2plus", {
  entries: 1,
  acceptedCount: 1,
  creditedCents: 400_000,
  persons: 1,
});
const earlier = row("2025-09", "wep", { entries: 1, acceptedCount: 1, creditedCents: 50_000 });

const figuresOf = (...contracts: ReportContractInput[]) => computeFigures(reportInput(contracts));

describe("compareFigures", () => {
  const issued = figuresOf(
    contract("a", { startDate: "2025-01-01", months: [earlier, pending], overdueReviews: 1 }),
    contract("b"),
  );

  it("finds no difference between equal figures", () => {
    expect(
      compareFigures(
        issued,
        figuresOf(
          contract("b"),
          contract("a", { startDate: "2025-01-01", months: [earlier, pending], overdueReviews: 1 }),
        ),
      ),
    ).toEqual([]);
  });

  it("names each figure of a contract that changed when an entry of the period was accepted after issue", () => {
    const now = figuresOf(
      contract("a", { startDate: "2025-01-01", months: [earlier, accepted] }),
      contract("b"),
    );
    // Contract a: 2025-01-01 to 2026-12-31, 546 of 730 days: expected 1,000,000 × 546/730 = 747,945.2.
    expect(compareFigures(issued, now)).toEqual([
      { contractId: "a", field: "acceptedCents", issued: 0, now: 400_000 },
      { contractId: "a", field: "pendingCents", issued: 400_000, now: 0 },
      { contractId: "a", field: "acceptedCount", issued: 0, now: 1 },
      { contractId: "a", field: "pendingCount", issued: 1, now: 0 },
      { contractId: "a", field: "cumulativeAcceptedCents", issued: 50_000, now: 450_000 },
      { contractId: "a", field: "shortfallCents", issued: 950_000, now: 550_000 },
      { contractId: "a", field: "persons", issued: 0, now: 1 },
      { contractId: "a", field: "fulfilmentPercent", issued: 5, now: 45 },
      // 50,000 × 730/546 = 66,849.8; 450,000 × 730/546 = 601,648.4.
      { contractId: "a", field: "projectedCents", issued: 66_850, now: 601_648 },
      { contractId: "a", field: "dataQuality.overdue-review", issued: 1, now: 0 },
    ]);
  });

  it("names changes of the previous period, of the at-risk reason and of the catalogue versions", () => {
    const later = row("2025-12", "wep", {
      entries: 1,
      acceptedCount: 1,
      creditedCents: 700_000,
      catalogues: ["utrecht@current"],
    });
    const now = figuresOf(
      contract("a", { startDate: "2025-01-01", months: [earlier, later, pending], overdueReviews: 1 }),
      contract("b"),
    );
    const fields = compareFigures(issued, now)
      .filter((d) => d.contractId === "a")
      .map((d) => d.field);
    expect(fields).toEqual([
      "cumulativeAcceptedCents",
      "shortfallCents",
      "fulfilmentPercent",
      "projectedCents",
      "status",
      "atRisk",
      "catalogueVersions",
      "previous.acceptedCents",
      "previous.acceptedCount",
      "previous.cumulativeAcceptedCents",
      "previous.shortfallCents",
      "atRiskReason",
      "dataQuality.several-catalogue-versions",
    ]);
    expect(compareFigures(issued, now).find((d) => d.field === "status")).toEqual({
      contractId: "a",
      field: "status",
      issued: "behind",
      now: "on-track",
    });
  });

  it("names contracts added or removed since issue", () => {
    const now = figuresOf(
      contract("a", { startDate: "2025-01-01", months: [earlier, pending], overdueReviews: 1 }),
      contract("c"),
    );
    expect(compareFigures(issued, now)).toEqual([
      { contractId: "b", field: "presence", issued: "present", now: "absent" },
      { contractId: "c", field: "presence", issued: "absent", now: "present" },
    ]);
  });
});
