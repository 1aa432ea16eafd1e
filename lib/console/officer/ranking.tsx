import type { ScoringResultResponse } from "../../schemas/responses/scoring-result.js";
import { Alert, Heading, Paragraph, StackedBar, Table } from "../components.js";
import { centsOf, formatMoney, formatNumber, inLang, type Lang } from "../i18n.js";
import { officer, type OfficerMessages } from "./messages.js";

/**
 * A scoring result as the officer reads it: the ranking, the warnings and the robustness checks in
 * plain words, and each bid's breakdown as a bar with its figures in a table. Shared by the what-if
 * (a simulation) and a tender's stored evaluation; every figure is the engine's.
 */

type Result = Pick<ScoringResultResponse, "method" | "ranking" | "ties" | "warnings"> & {
  robustness: Omit<ScoringResultResponse["robustness"], "bidRemoval"> & { bidRemoval: unknown };
};
type Ranked = ScoringResultResponse["ranking"][number];
type Money = { amount: number };

const euros = (money: Money | null | undefined, lang: Lang) =>
  money ? formatMoney(centsOf(money.amount), lang) : "–";
const points = (value: number | null | undefined, lang: Lang) =>
  value === null || value === undefined ? "–" : formatNumber(value, lang, 2);

export function RankingTable({ result, lang, caption }: { result: Result; lang: Lang; caption: string }) {
  const m = inLang(officer, lang);
  const byPoints = result.method === "weighted-points";
  return (
    <Table
      caption={caption}
      head={[m.rank, m.bid, byPoints ? m.total : m.evaluatedPrice, m.compliant]}
      numeric={[0, 2]}
      rows={result.ranking.map((r) => [
        r.rank === null ? m.notRanked : String(r.rank),
        r.bidId,
        byPoints ? points(r.totalScore, lang) : euros(r.evaluatedPrice, lang),
        r.compliant ? m.yes : `${m.no}: ${r.reasons.join("; ")}`,
      ])}
    />
  );
}

/** The engine's warnings, each in plain words. */
export function plainWarnings(result: Result, m: OfficerMessages): string[] {
  return result.warnings.map((w) => {
    switch (w.code) {
      case "relative-price-formula":
        return m.warnRelative;
      case "scale-length-mismatch":
        return m.warnScale;
      case "abnormally-low":
        return m.warnLow(w.bidId ?? "");
      case "drawing-of-lots-needed": {
        const tie = result.ties.find((t) => t.drawingOfLotsNeeded);
        return m.warnLots(tie ? tie.bidIds.join(", ") : "");
      }
      case "no-compliant-bid":
        return m.warnNoneCompliant;
      default:
        return w.message;
    }
  });
}

/** What would change the winner: leave-one-out and the weight (or value) of each criterion. */
export function plainRobustness(result: Result, lang: Lang): string[] {
  const m = inLang(officer, lang);
  const names = new Map(result.ranking[0]?.breakdown.quality.map((q) => [q.criterionId, q.name]) ?? []);
  const nameOf = (id: string) => (names.has(id) ? `“${names.get(id)}”` : m.thePrice);
  const lines: string[] = [];
  const removal = result.robustness.bidRemoval;
  if (removal && !Array.isArray(removal) && typeof removal === "object" && "effects" in removal) {
    for (const e of (removal as ScoringResultResponse["robustness"]["bidRemoval"])!.effects) {
      if (e.winnerChanges) lines.push(m.removalWinner(e.removedBidId, e.winners.join(", ")));
      else if (e.reversals[0])
        lines.push(
          m.removalReversal(
            e.removedBidId,
            e.reversals[0].nowAhead,
            e.reversals[0].nowBehind,
            e.reversalCount,
          ),
        );
    }
  }
  for (const s of result.robustness.weightSensitivity ?? []) {
    const from = points(s.maxPoints, lang);
    if (s.increase)
      lines.push(
        m.weightUp(nameOf(s.criterionId), from, points(s.increase.newMaxPoints, lang), s.increase.newWinner),
      );
    if (s.decrease)
      lines.push(
        m.weightDown(
          nameOf(s.criterionId),
          from,
          points(s.decrease.newMaxPoints, lang),
          s.decrease.newWinner,
        ),
      );
  }
  for (const s of result.robustness.valueSensitivity ?? []) {
    const from = euros(s.maxValue, lang);
    if (s.increase)
      lines.push(
        m.valueUp(nameOf(s.criterionId), from, euros(s.increase.newMaxValue, lang), s.increase.newWinner),
      );
    if (s.decrease)
      lines.push(
        m.valueDown(nameOf(s.criterionId), from, euros(s.decrease.newMaxValue, lang), s.decrease.newWinner),
      );
  }
  return lines;
}

export function WarningsAndRobustness({ result, lang, level }: { result: Result; lang: Lang; level: 2 | 3 }) {
  const m = inLang(officer, lang);
  const warnings = plainWarnings(result, m);
  const robustness = plainRobustness(result, lang);
  return (
    <>
      {warnings.length ? (
        <>
          <Heading level={level}>{m.warningsTitle}</Heading>
          <Alert kind="warning">
            <ul class="utrecht-unordered-list">
              {warnings.map((w) => (
                <li class="utrecht-unordered-list__item">{w}</li>
              ))}
            </ul>
          </Alert>
        </>
      ) : null}
      <Heading level={level}>{m.robustnessTitle}</Heading>
      {robustness.length ? (
        <ul class="utrecht-unordered-list">
          {robustness.map((line) => (
            <li class="utrecht-unordered-list__item">{line}</li>
          ))}
        </ul>
      ) : (
        <Paragraph>{m.robustnessSolid}</Paragraph>
      )}
    </>
  );
}

const LEGEND_POINTS = ["a", "b", "c"] as const;

function Legend({ items }: { items: readonly { kind: string; label: string }[] }) {
  return (
    <ul class="ip-legend" aria-hidden="true">
      {items.map((i) => (
        <li>
          <span class={`ip-swatch ip-swatch--${i.kind}`} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/** Each bid's bar: points for price, quality and social return; or, on prices, the evaluated price with discounts and deductions. */
export function Breakdowns({ result, lang, level }: { result: Result; lang: Lang; level: 2 | 3 }) {
  const m = inLang(officer, lang);
  const byPoints = result.method === "weighted-points";
  const sub = (level + 1) as 3 | 4;
  const maxPoints = (r: Ranked) =>
    (r.breakdown.pricePoints?.maxPoints ?? 0) +
    r.breakdown.quality.reduce((sum, q) => sum + (q.maxPoints ?? 0), 0);
  const socialReturnPoints = Math.max(0, ...result.ranking.map((r) => r.breakdown.socialReturn?.points ?? 0));
  const costs = (r: Ranked) =>
    r.breakdown.corrections.filter((c) => c.amountCents > 0).reduce((s, c) => s + c.amountCents, 0);
  const discounts = (r: Ranked) =>
    -r.breakdown.corrections.filter((c) => c.amountCents < 0).reduce((s, c) => s + c.amountCents, 0);
  const deductions = (r: Ranked) =>
    r.breakdown.valueDeductions.reduce((s, d) => s + centsOf(d.amount.amount), 0);
  const longest = Math.max(
    1,
    ...result.ranking.map((r) =>
      byPoints ? maxPoints(r) + socialReturnPoints : centsOf(r.breakdown.price.amount) + costs(r),
    ),
  );
  return (
    <>
      <Heading level={level}>{m.breakdownTitle}</Heading>
      <Legend
        items={
          byPoints
            ? [m.pricePoints, m.qualityPoints, m.srPoints].map((label, i) => ({
                kind: LEGEND_POINTS[i]!,
                label,
              }))
            : [
                { kind: "a", label: m.evaluatedPrice },
                { kind: "negative", label: m.discounts },
                { kind: "b", label: m.deductions },
              ]
        }
      />
      {result.ranking.map((r) => {
        const b = r.breakdown;
        const evaluatedCents = Math.max(0, centsOf((b.fictitiousPrice ?? b.correctedPrice).amount));
        const bar = byPoints ? (
          <StackedBar
            label={m.barPoints(
              r.bidId,
              points(b.pricePoints?.points, lang),
              points(b.qualityPoints, lang),
              points(b.socialReturn?.points, lang),
              points(r.totalScore, lang),
            )}
            total={longest}
            segments={[
              { value: b.pricePoints?.points ?? 0, kind: "a" },
              { value: b.qualityPoints ?? 0, kind: "b" },
              { value: b.socialReturn?.points ?? 0, kind: "c" },
            ]}
          />
        ) : (
          <StackedBar
            label={m.barValue(
              r.bidId,
              formatMoney(evaluatedCents, lang),
              formatMoney(discounts(r), lang),
              formatMoney(deductions(r), lang),
            )}
            total={longest}
            segments={[
              { value: evaluatedCents, kind: "a" },
              { value: discounts(r), kind: "negative" },
              { value: deductions(r), kind: "b" },
            ]}
          />
        );
        const rows: (readonly [string, string, string])[] = [
          [m.bidPrice, euros(b.price, lang), ""],
          ...b.corrections.map(
            (c) =>
              [
                c.label,
                euros(c.amount, lang),
                `${c.formula}. ${m.source(c.source, c.table ? `${c.table.id} ${c.table.version}` : "")}`,
              ] as const,
          ),
          [m.correctedPrice, euros(b.correctedPrice, lang), b.correctedPriceFormula],
          ...(b.pricePoints
            ? [[m.pricePoints, points(b.pricePoints.points, lang), b.pricePoints.text] as const]
            : []),
          ...b.quality.map(
            (q) => [q.name, q.value ? euros(q.value, lang) : points(q.points, lang), q.formula] as const,
          ),
          ...(b.socialReturn
            ? [
                [
                  m.socialReturn,
                  b.socialReturn.points !== null
                    ? points(b.socialReturn.points, lang)
                    : euros(b.socialReturn.credit ?? b.socialReturn.offerValue, lang),
                  b.socialReturn.formula,
                ] as const,
              ]
            : []),
          ...b.valueDeductions.map((d) => [d.label, euros(d.amount, lang), d.formula] as const),
          ...(b.fictitiousPrice ? [[m.fictitiousPrice, euros(b.fictitiousPrice, lang), ""] as const] : []),
        ];
        return (
          <section class="ip-breakdown" aria-label={m.breakdownOf(r.bidId)}>
            <Heading level={sub}>{m.breakdownOf(r.bidId)}</Heading>
            {bar}
            {r.reasons.length ? <Paragraph>{`${m.reasons}: ${r.reasons.join("; ")}`}</Paragraph> : null}
            <Table
              caption={m.breakdownOf(r.bidId)}
              head={[m.figure, m.amount, m.explanation]}
              numeric={[1]}
              rows={rows}
            />
          </section>
        );
      })}
    </>
  );
}
