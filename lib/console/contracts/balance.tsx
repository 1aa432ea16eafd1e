import type * as z from "zod";
import type { BalanceResponse } from "../../schemas/responses/contracts.js";
import type { entryResponse } from "../../schemas/responses/entries.js";
import { StackedBar, StatusBadge } from "../components.js";
import { centsOf, formatMoney, formatPercent, type Lang } from "../i18n.js";
import type { ContractMessages } from "./messages.js";

/** Shared pieces of the contract pages: a balance as a bar with its figures in words, statuses as text badges. */

type Money = { amount: number };
export const money = (value: Money, lang: Lang): string => formatMoney(centsOf(value.amount), lang);
/** The API gives percentages (62.1); the console's format takes shares. */
export const percent = (value: number, lang: Lang): string => formatPercent(value / 100, lang);

/*
 * "success" is left out: the Utrecht tokens give it white on light green, below the contrast WCAG asks
 * for. The words carry the meaning; neutral (white on black) is used for the good states.
 */
type BadgeKind = "danger" | "warning" | "neutral";

const STATUS: Record<BalanceResponse["status"], { label: keyof ContractMessages; kind: BadgeKind }> = {
  fulfilled: { label: "statusFulfilled", kind: "neutral" },
  "on-track": { label: "statusOnTrack", kind: "neutral" },
  behind: { label: "statusBehind", kind: "warning" },
  shortfall: { label: "statusShortfall", kind: "danger" },
  settled: { label: "statusSettled", kind: "neutral" },
};

export const statusLabel = (status: BalanceResponse["status"], m: ContractMessages): string =>
  m[STATUS[status].label] as string;

/** The status in words (never by colour alone). */
export const BalanceStatus = ({ status, m }: { status: BalanceResponse["status"]; m: ContractMessages }) => (
  <StatusBadge kind={STATUS[status].kind}>{statusLabel(status, m)}</StatusBadge>
);

type EntryStatus = z.output<typeof entryResponse>["status"];
const ENTRY_STATUS: Record<EntryStatus, { label: keyof ContractMessages; kind: BadgeKind }> = {
  submitted: { label: "entrySubmitted", kind: "warning" },
  accepted: { label: "entryAccepted", kind: "neutral" },
  rejected: { label: "entryRejected", kind: "danger" },
};

export const entryStatusLabel = (status: EntryStatus, m: ContractMessages): string =>
  m[ENTRY_STATUS[status].label] as string;

export const EntryStatusBadge = ({ status, m }: { status: EntryStatus; m: ContractMessages }) => (
  <StatusBadge kind={ENTRY_STATUS[status].kind}>{entryStatusLabel(status, m)}</StatusBadge>
);

export const OverdueBadge = ({ m }: { m: ContractMessages }) => (
  <StatusBadge kind="danger">{m.overdue}</StatusBadge>
);

/**
 * Realised against the obligation: the accepted share as the API computed it (pooling included), then
 * what is under review, on a scale of the obligation. The label and the text beside it say the same in
 * figures; without an obligation there is no bar, only the words.
 */
export function BalanceBar({
  balance,
  lang,
  m,
}: {
  balance: BalanceResponse;
  lang: Lang;
  m: ContractMessages;
}) {
  if (balance.fulfilmentPercent === null) return <span>{m.noObligation}</span>;
  const obligation = centsOf(balance.obligation.amount);
  const pendingPercent = obligation > 0 ? (centsOf(balance.pending.amount) / obligation) * 100 : 0;
  const label = m.barLabel(
    money(balance.credited, lang),
    money(balance.obligation, lang),
    percent(balance.fulfilmentPercent, lang),
    money(balance.pending, lang),
  );
  return (
    <div class="ip-balance">
      <StackedBar
        label={label}
        total={100}
        segments={[
          { value: Math.min(100, balance.fulfilmentPercent), kind: "a" },
          { value: pendingPercent, kind: "b" },
        ]}
      />
      <span>{m.percentOfObligation(percent(balance.fulfilmentPercent, lang))}</span>
    </div>
  );
}

/** What the bars' colours mean, once per page. */
export const BarLegend = ({ m }: { m: ContractMessages }) => (
  <ul class="ip-legend">
    <li>
      <span class="ip-swatch ip-swatch--a" aria-hidden="true" />
      {m.legendCredited}
    </li>
    <li>
      <span class="ip-swatch ip-swatch--b" aria-hidden="true" />
      {m.legendPending}
    </li>
  </ul>
);
