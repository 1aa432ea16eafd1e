/**
 * Validating and valuing one entry against its contract and rules, without writing.
 */
import { type FieldError, InvalidInput, RuleViolation } from "../../domain/errors.js";
import { make, type Ratio, ratio } from "../../domain/exact.js";
import { centsFromMoney, formatEuros } from "../../domain/money.js";
import { refuseBsn } from "../../domain/sroi/bsn.js";
import { type BlockKind, catalogueInForce, findBlock } from "../../domain/sroi/catalogue.js";
import { countMonths, daysInMonth, periodsOverlap, ratioText } from "../../domain/sroi/months.js";
import { valuateExact } from "../../domain/sroi/valuation.js";
import { withArticle } from "../../domain/words.js";
import type { Operation } from "../../operation.js";
import { catalogueVersions, requireCatalogue, type StoredCatalogue } from "../../sroi/rules.js";
import { type Contract, countingRules } from "../contract/model.js";
import { type Entry, type EntryInput, FTE_SCALE, MAX_ENTRY_CENTS, PERSON_KINDS } from "./model.js";
import type { SocialEnterpriseKind } from "../../domain/impact/organisations.js";
import { type Organisation, suppliersWithKvk } from "../../orgs/organisations.js";
import { qualifiedVendor } from "./vendor.js";

/** The field that carries an entry's size, per kind: where a value out of range is reported. */
const SIZE_FIELD: Record<Exclude<BlockKind, "bonus">, string> = {
  employment: "fte",
  placement: "endDate",
  apprenticeship: "endDate",
  hours: "hours",
  purchase: "invoice.amount",
  fixed: "units",
};

const fail = (errors: FieldError[]) => new InvalidInput(errors);

/** The first and last day of a reporting-period label (2025, 2025-H1, 2025-Q3, 2025-07). */
export function periodRange(label: string): { from: string; to: string } {
  const year = Number(label.slice(0, 4));
  const part = label.slice(5);
  const month = (m: number) => `${year}-${String(m).padStart(2, "0")}`;
  const last = (m: number) => `${month(m)}-${daysInMonth(year, m)}`;
  const first = (m: number) => `${month(m)}-01`;
  if (!part) return { from: first(1), to: last(12) };
  if (part === "H1") return { from: first(1), to: last(6) };
  if (part === "H2") return { from: first(7), to: last(12) };
  if (part.startsWith("Q")) {
    const q = Number(part.slice(1));
    return { from: first(q * 3 - 2), to: last(q * 3) };
  }
  const m = Number(part);
  return { from: first(m), to: last(m) };
}

interface Prepared {
  entry: Entry;
  months: Ratio | null;
}

/**
 * Per-call memo of catalogue reads: a bulk upload reads the award version, or each catalogue's versions,
 * once (not once per row and again for its re-valuation).
 */
export type CatalogueMemo = Map<string, Promise<StoredCatalogue | StoredCatalogue[] | Organisation[]>>;

function memoized<T extends StoredCatalogue | StoredCatalogue[] | Organisation[]>(
  memo: CatalogueMemo,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let found = memo.get(key);
  if (!found) {
    found = load();
    memo.set(key, found);
  }
  return found as Promise<T>;
}

/** The catalogue version that values an entry: the award's, or the one in force on `date`. */
async function entryCatalogue(
  memo: CatalogueMemo,
  contract: Contract,
  date: string,
): Promise<StoredCatalogue> {
  if (contract.policy.valuationDate === "award-date") {
    const { id, version } = contract.awardCatalogue;
    return memoized(memo, `award#${id}#${version}`, () => requireCatalogue(id, version));
  }
  const id = contract.policy.catalogueId;
  const found = catalogueInForce(await memoized(memo, `versions#${id}`, () => catalogueVersions(id)), date);
  if (!found)
    throw new InvalidInput([
      { path: "startDate", message: `no version of catalogue ${id} is in force on ${date}` },
    ]);
  return found;
}

type Block = NonNullable<ReturnType<typeof findBlock>>;
type ValuedLine = ReturnType<typeof valuateExact>["lines"][number];
/** Prefixes a field path with the entry's place in the request ("body", a row, or nothing). */
type PathOf = (field: string) => string;

/** Where the months counted before come from under a counting maximum per candidate in the region. */
const IN_REGION = "on the supplier's contracts in the region";

/**
 * Validates one entry against the contract and its rules without writing: schema-level rules (400),
 * BSN, dates and period (422). Valuation happens here with the months counted so far (`monthsBefore`).
 */
export async function prepareEntry(
  op: Operation,
  contract: Contract,
  input: EntryInput,
  entryId: string,
  prefix: string,
  monthsBefore: Ratio = make(0n),
  memo: CatalogueMemo = new Map(),
): Promise<Prepared> {
  const p: PathOf = (s) => (prefix ? `${prefix}.${s}` : s);
  refuseBsn({
    [p("candidateRef")]: input.candidateRef,
    [p("note")]: input.note,
    ...Object.fromEntries((input.evidence ?? []).map((e, i) => [p(`evidence.${i}`), e])),
  });
  const startForCatalogue = input.startDate ?? input.invoice?.date ?? contract.startDate;
  const catalogue = await entryCatalogue(memo, contract, startForCatalogue);
  const block = findBlock(catalogue, input.blockId);
  if (!block || block.kind === "bonus")
    throw fail([
      {
        path: p("blockId"),
        message: `no block "${input.blockId}" to report in catalogue ${catalogue.id} ${catalogue.version}`,
      },
    ]);
  checkShape(input, block, p);
  const vendorQualification = input.invoice
    ? await qualifiedVendor(
        input.invoice,
        (kvk) => memoized(memo, `vendor#${kvk}`, () => suppliersWithKvk(kvk)),
        p,
      )
    : null;
  const startDate = input.startDate ?? input.invoice!.date;
  const endDate = input.endDate ?? input.invoice!.date;
  if (endDate < startDate) throw fail([{ path: p("endDate"), message: "before the start date" }]);
  const { monthCounting, countingMaximumPer } = countingRules(contract);
  const months = PERSON_KINDS.includes(block.kind) ? countMonths(monthCounting, startDate, endDate) : null;
  const scope = countingMaximumPer === "candidate-in-region" ? IN_REGION : undefined;
  const valued = valueEntry(catalogue, block, input, { months, monthsBefore, monthCounting, scope }, p);
  checkRules(op, contract, input, { startDate, endDate }, p);
  const line = valued.lines[0]!;
  if (!(Math.abs(line.valueCents) <= MAX_ENTRY_CENTS))
    throw fail([
      {
        path: p(SIZE_FIELD[block.kind as Exclude<BlockKind, "bonus">]),
        code: "out-of-range",
        message: `the entry's value exceeds the maximum of EUR ${formatEuros(MAX_ENTRY_CENTS)}`,
      },
    ]);
  const dates = { startDate, endDate };
  const entry = buildEntry(
    op,
    contract,
    input,
    entryId,
    block,
    dates,
    valued.catalogue,
    line,
    vendorQualification,
  );
  return { entry, months };
}

/** The fields an entry needs or refuses for its block's kind (400, every error at once). */
function checkShape(input: EntryInput, block: Block, p: PathOf) {
  const errors: FieldError[] = [];
  const person = PERSON_KINDS.includes(block.kind);
  if (person && !input.candidateRef)
    errors.push({ path: p("candidateRef"), message: `required for ${withArticle(block.kind)} block` });
  if (!person && input.candidateRef)
    errors.push({ path: p("candidateRef"), message: `not taken by ${withArticle(block.kind)} block` });
  if (block.kind === "purchase") {
    if (input.startDate || input.endDate)
      errors.push({ path: p("startDate"), message: "a purchase is dated by its invoice" });
  } else {
    if (!input.startDate) errors.push({ path: p("startDate"), message: "required" });
    if (!input.endDate) errors.push({ path: p("endDate"), message: "required" });
    if (input.invoice)
      errors.push({ path: p("invoice"), message: `not taken by ${withArticle(block.kind)} block` });
  }
  if (!person && input.targetGroupEvidence)
    errors.push({
      path: p("targetGroupEvidence"),
      message: `not taken by ${withArticle(block.kind)} block (only labour lines name a target group)`,
    });
  if (input.fte !== undefined && ratio(input.fte).d > FTE_SCALE)
    errors.push({ path: p("fte"), message: "at most 4 decimals" });
  if (errors.length) throw fail(errors);
}

/** Values the entry as one catalogue line; the valuation's errors name the entry's own fields. */
function valueEntry(
  catalogue: StoredCatalogue,
  block: Block,
  input: EntryInput,
  {
    months,
    monthsBefore,
    monthCounting,
    scope,
  }: { months: Ratio | null; monthsBefore: Ratio; monthCounting: string; scope: string | undefined },
  p: PathOf,
) {
  try {
    return valuateExact(
      catalogue,
      [
        {
          blockId: block.id,
          ...(input.fte !== undefined ? { fte: input.fte } : {}),
          ...(months ? { months } : {}),
          ...(input.hours !== undefined ? { hours: input.hours } : {}),
          ...(input.units !== undefined ? { units: input.units } : {}),
          ...(input.invoice ? { invoiceCents: centsFromMoney(input.invoice.amount) } : {}),
          ...(input.bonuses ? { bonuses: input.bonuses } : {}),
          monthsBefore,
          ...(months ? { monthsRule: monthCounting } : {}),
          ...(scope ? { monthsBeforeScope: scope } : {}),
        },
      ],
      "#",
    );
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    throw fail(error.errors.map((e) => ({ ...e, path: p(e.path.replace(/^#\.0\./, "")) })));
  }
}

/** Rules that refuse a well-formed entry: 422 with the reason. */
function checkRules(
  op: Operation,
  contract: Contract,
  input: EntryInput,
  { startDate, endDate }: { startDate: string; endDate: string },
  p: PathOf,
) {
  const today = op.now.toISOString().slice(0, 10);
  if (startDate < contract.startDate || endDate > contract.endDate)
    throw new RuleViolation(
      "outside-contract-period",
      `The activity (${startDate} to ${endDate}) lies outside the contract period ${contract.startDate} to ${contract.endDate}.`,
      [{ path: p(input.startDate ? "startDate" : "invoice.date"), message: "outside the contract period" }],
    );
  if (endDate > today)
    throw new RuleViolation(
      "activity-in-future",
      `Report realised activities only; ${endDate} is after today.`,
      [{ path: p("endDate"), message: "in the future" }],
    );
  if (input.targetGroupEvidence && input.targetGroupEvidence.date > today)
    throw new RuleViolation(
      "target-group-evidence-in-future",
      `The target-group evidence is dated ${input.targetGroupEvidence.date}, after today; name a document that exists.`,
      [{ path: p("targetGroupEvidence.date"), message: "in the future" }],
    );
  const range = periodRange(input.period);
  if (!periodsOverlap(startDate, endDate, range.from, range.to))
    throw new RuleViolation(
      "period-mismatch",
      `The activity does not fall in the reporting period ${input.period} (${range.from} to ${range.to}).`,
      [{ path: p("period"), message: "does not overlap the activity" }],
    );
}

/** The submitted entry, with its valuation, not yet stored. */
function buildEntry(
  op: Operation,
  contract: Contract,
  input: EntryInput,
  entryId: string,
  block: Block,
  { startDate, endDate }: { startDate: string; endDate: string },
  catalogue: Entry["catalogue"],
  line: ValuedLine,
  vendorQualification: SocialEnterpriseKind | null,
): Entry {
  return {
    id: entryId,
    contractId: contract.id,
    supplierId: contract.supplierId,
    status: "submitted",
    blockId: block.id,
    kind: block.kind,
    targetGroup: block.targetGroup ?? null,
    catalogue,
    candidateRef: input.candidateRef ?? null,
    startDate,
    endDate,
    fte: input.fte ?? null,
    hours: input.hours ?? null,
    units: input.units ?? null,
    invoice: input.invoice
      ? {
          invoiceNumber: input.invoice.invoiceNumber,
          date: input.invoice.date,
          amountCents: centsFromMoney(input.invoice.amount),
          vendorKvk: input.invoice.vendorKvk,
          vendorQualification: vendorQualification!,
        }
      : null,
    bonuses: input.bonuses ?? [],
    evidence: input.evidence ?? [],
    targetGroupEvidence: input.targetGroupEvidence ?? null,
    period: input.period,
    ...(input.note ? { note: input.note } : {}),
    reportedMonths: line.reportedMonthsExact ? ratioText(line.reportedMonthsExact) : null,
    countedMonths: line.countedMonthsExact ? ratioText(line.countedMonthsExact) : null,
    valueCents: line.valueCents,
    formula: line.formula,
    reverses: null,
    submittedAt: op.now.toISOString(),
    submittedBy: op.actor.sub,
    submittedByOrg: op.actor.orgId,
    review: null,
    totals: "pending",
  };
}
