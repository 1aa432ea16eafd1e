/** The stateless endpoints: valuation and obligation with stored (or inline) rules, nothing written. */
import { centsFromMoney, type Money, toMoney } from "../domain/money.js";
import {
  computeObligation,
  type ContractType,
  type ObligationBase,
  type ObligationRules,
} from "../domain/sroi/obligation.js";
import { valuateLines } from "../domain/sroi/valuation.js";
import { lineFromWire, type WireLine } from "./wire-lines.js";
import { policyForDate, getPolicy, requireCatalogue } from "./rules.js";
import { InvalidInput, NotFound } from "../domain/errors.js";
import { requireRegion } from "../orgs/organisations.js";
import type { ObligationResponse, ValuationResponse } from "../schemas/responses/sroi.js";

export async function valuate(body: {
  catalogue: { id: string; version: string };
  lines: WireLine[];
}): Promise<ValuationResponse> {
  const catalogue = await requireCatalogue(body.catalogue.id, body.catalogue.version);
  const valuation = valuateLines(catalogue, body.lines.map(lineFromWire), "body.lines");
  return {
    lines: valuation.lines.map(({ valueCents, ...line }) => ({ ...line, value: toMoney(valueCents) })),
    total: toMoney(valuation.totalCents),
    catalogue: { ...valuation.catalogue, name: catalogue.name, incomplete: catalogue.incomplete },
  };
}

type InlinePolicy = Partial<ObligationRules> & {
  threshold: Money;
  cap: Money | null;
  thresholdInclusive: boolean;
  contractTypes: ContractType[];
  suppliesMinLabourShare: number | null;
  percent: number;
  base: ObligationBase;
  minimumMonths: number | null;
  psoDiscountPercentByLevel: Record<string, number>;
};

export async function obligation(
  body: {
    regionId?: string | undefined;
    policyVersion?: number | undefined;
    policy?: InlinePolicy | undefined;
    contract: {
      value: Money;
      type: ContractType;
      labourShare?: number | undefined;
      months?: number | undefined;
      invoicedTurnover?: Money | undefined;
      wageBill?: Money | undefined;
      startDate?: string | undefined;
      endDate?: string | undefined;
    };
    psoLevel?: string | undefined;
    psoCertificateValidUntil?: string | undefined;
  },
  now: Date,
): Promise<ObligationResponse> {
  let policy: ObligationRules;
  let ref: { id: string; version: number | null };
  if (body.regionId) {
    await requireRegion(body.regionId);
    const stored = body.policyVersion
      ? await getPolicy(body.regionId, body.policyVersion)
      : await policyForDate(body.regionId, now.toISOString().slice(0, 10));
    if (!stored) throw new NotFound("policy version");
    policy = stored;
    ref = { id: stored.id, version: stored.version };
  } else {
    const { threshold, cap, ...rest } = body.policy!;
    policy = {
      ...rest,
      thresholdCents: centsFromMoney(threshold),
      capCents: cap === null ? null : centsFromMoney(cap),
    };
    ref = { id: "inline", version: null };
  }
  const result = withBodyPaths(() =>
    computeObligation(
      policy,
      {
        valueCents: centsFromMoney(body.contract.value),
        type: body.contract.type,
        labourShare: body.contract.labourShare ?? null,
        months: body.contract.months ?? null,
        invoicedTurnoverCents: optionalCents(body.contract.invoicedTurnover),
        wageBillCents: optionalCents(body.contract.wageBill),
        startDate: body.contract.startDate ?? null,
        endDate: body.contract.endDate ?? null,
        psoCertificateValidUntil: body.psoCertificateValidUntil ?? null,
      },
      body.psoLevel,
    ),
  );
  return {
    applies: result.applies,
    obligation: toMoney(result.obligationCents),
    steps: result.steps.map(({ amountCents, ...s }) =>
      amountCents === undefined ? s : { ...s, amount: toMoney(amountCents) },
    ),
    policy: ref,
  };
}

const optionalCents = (money: Money | undefined) => (money ? centsFromMoney(money) : null);

/** Domain paths ("contract.labourShare") as request paths ("body.contract.labourShare"). */
function withBodyPaths<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidInput)
      throw new InvalidInput(error.errors.map((e) => ({ ...e, path: `body.${e.path}` })));
    throw error;
  }
}
