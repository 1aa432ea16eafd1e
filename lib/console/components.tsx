import type { ComponentChildren } from "preact";
import { scriptUrl } from "./assets/assets.js";

/**
 * The console's building blocks for layout and showing data on the NL Design System (Utrecht CSS
 * classes); forms, their fields and the error summary are in form-fields.tsx.
 */

export function Heading({ level, children }: { level: 1 | 2 | 3 | 4; children: ComponentChildren }) {
  const Tag = `h${level}` as "h1";
  return <Tag class={`utrecht-heading-${level}`}>{children}</Tag>;
}

export const Paragraph = ({ children, lead }: { children: ComponentChildren; lead?: boolean }) => (
  <p class={lead ? "utrecht-paragraph utrecht-paragraph--lead" : "utrecht-paragraph"}>{children}</p>
);

export const Link = ({
  href,
  children,
  current,
}: {
  href: string;
  children: ComponentChildren;
  current?: boolean;
}) => (
  <a class="utrecht-link utrecht-link--html-a" href={href} aria-current={current ? "page" : undefined}>
    {children}
  </a>
);

export const ButtonLink = ({
  href,
  children,
  primary,
}: {
  href: string;
  children: ComponentChildren;
  primary?: boolean;
}) => (
  <a
    class={`utrecht-button-link utrecht-button-link--html-a ${primary ? "utrecht-button-link--primary-action" : "utrecht-button-link--secondary-action"}`}
    href={href}
  >
    {children}
  </a>
);

export const ButtonGroup = ({ children }: { children: ComponentChildren }) => (
  <div class="utrecht-button-group">{children}</div>
);

export const Alert = ({
  kind = "info",
  children,
}: {
  kind?: "info" | "ok" | "warning" | "error";
  children: ComponentChildren;
}) => (
  <div class={`utrecht-alert utrecht-alert--${kind}`} role={kind === "error" ? "alert" : "status"}>
    <div class="utrecht-alert__content">{children}</div>
  </div>
);

/** A data table with a caption (its accessible name); numeric columns align right. */
export function Table({
  caption,
  head,
  rows,
  numeric = [],
}: {
  caption: string;
  head: readonly ComponentChildren[];
  rows: readonly (readonly ComponentChildren[])[];
  numeric?: readonly number[];
}) {
  const cellClass = (i: number) =>
    numeric.includes(i) ? "utrecht-table__cell utrecht-table__cell--numeric" : "utrecht-table__cell";
  return (
    <div class="ip-table-scroll">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {head.map((h, i) => (
              <th
                class={`utrecht-table__header-cell${numeric.includes(i) ? " utrecht-table__header-cell--numeric" : ""}`}
                scope="col"
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((row) => (
            <tr class="utrecht-table__row">
              {row.map((cell, i) => (
                <td class={cellClass(i)}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Term–value pairs (a tender's details, a balance). */
export const DataList = ({ items }: { items: readonly { term: string; value: ComponentChildren }[] }) => (
  <dl class="utrecht-data-list utrecht-data-list--rows">
    {items.map((item) => (
      <div class="utrecht-data-list__item">
        <dt class="utrecht-data-list__item-key">{item.term}</dt>
        <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{item.value}</dd>
      </div>
    ))}
  </dl>
);

export const StatusBadge = ({
  children,
  kind,
}: {
  children: ComponentChildren;
  kind?: "danger" | "warning" | "success" | "neutral";
}) => <span class={`utrecht-status-badge utrecht-status-badge--${kind ?? "neutral"}`}>{children}</span>;

/**
 * A horizontal bar of segments (price and quality points, realised against obligation). SVG with
 * widths as attributes, so no inline style is needed under the Content-Security-Policy; the label
 * says in words what the bar shows, and pages put the figures in a table beside it.
 */
export function StackedBar({
  label,
  segments,
  total,
}: {
  label: string;
  segments: readonly { value: number; kind: "a" | "b" | "c" | "d" | "negative" | "track" }[];
  total: number;
}) {
  let x = 0;
  const scale = total > 0 ? 100 / total : 0;
  return (
    <svg
      class="ip-bar"
      viewBox="0 0 100 6"
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      focusable="false"
    >
      <title>{label}</title>
      <rect class="ip-bar__track" x="0" y="0" width="100" height="6" />
      {segments.map((s) => {
        const width = Math.max(0, Math.min(100 - x, s.value * scale));
        const rect = (
          <rect class={`ip-bar__segment ip-bar__segment--${s.kind}`} x={x} y="0" width={width} height="6" />
        );
        x += width;
        return rect;
      })}
    </svg>
  );
}

/** One of the console's small scripts (lib/console/scripts/<name>.ts); every page works without it. */
export const PageScript = ({ name }: { name: string }) => (
  <script type="module" src={scriptUrl(name)} defer></script>
);
