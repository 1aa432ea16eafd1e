import { expect } from "vitest";
import { call, DEMO, newKey } from "../../support/api.js";

export const eur = (amount: number) => ({ amount, currency: "EUR" as const });

/** Registers a running services contract of the second demo supplier; `extra` overrides any field. */
export async function newContract(
  officerToken: string,
  reference: string,
  extra: Record<string, unknown> = {},
) {
  const res = await call("POST", "/v1/contracts", {
    token: officerToken,
    idempotencyKey: newKey(),
    body: {
      reference,
      title: "Beheer openbare ruimte",
      supplierId: DEMO.suppliers[1],
      type: "services",
      value: eur(2_000_000),
      startDate: "2025-01-01",
      endDate: "2026-12-31",
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
