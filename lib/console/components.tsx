import type { ComponentChildren } from "preact";
import { scriptUrl } from "./assets/assets.js";

/**
 * The console's building blocks on the NL Design System (Utrecht CSS classes). Every field has a
 * label, its description and error tied to it with aria-describedby, and aria-invalid when wrong.
 */

/** The id a field gets from its form name (`lines.0.units` → `field-lines-0-units`); error links point at it. */
export const fieldId = (name: string): string => `field-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

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

export const Button = ({
  children,
  kind = "primary",
  name,
  value,
}: {
  children: ComponentChildren;
  kind?: "primary" | "secondary" | "danger";
  name?: string;
  value?: string;
}) => (
  <button
    type="submit"
    class={`utrecht-button utrecht-button--${kind === "danger" ? "danger" : `${kind}-action`}`}
    name={name}
    value={value}
  >
    {children}
  </button>
);

export const ButtonGroup = ({ children }: { children: ComponentChildren }) => (
  <div class="utrecht-button-group">{children}</div>
);

/** A posted form: the session's CSRF token always, and an idempotency key for forms that create something. */
export function Form({
  action,
  csrf,
  children,
  idempotencyKey,
  upload,
  label,
}: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  idempotencyKey?: string;
  /** multipart/form-data, for a file field */
  upload?: boolean;
  /** An accessible name when a page has more than one form. */
  label?: string;
}) {
  return (
    <form
      class="utrecht-form"
      method="post"
      action={action}
      enctype={upload ? "multipart/form-data" : undefined}
      aria-label={label}
      novalidate
    >
      <input type="hidden" name="_csrf" value={csrf} />
      {idempotencyKey ? <input type="hidden" name="_idempotency" value={idempotencyKey} /> : null}
      {children}
    </form>
  );
}

interface FieldProps {
  name: string;
  label: string;
  description?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

function FieldFrame({
  name,
  label,
  description,
  error,
  children,
}: FieldProps & { children: ComponentChildren }) {
  const id = fieldId(name);
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? " utrecht-form-field--invalid" : ""}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div class="utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div class="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

const describedBy = ({ name, description, error }: FieldProps): string | undefined =>
  [description ? `${fieldId(name)}-description` : "", error ? `${fieldId(name)}-error` : ""]
    .filter(Boolean)
    .join(" ") || undefined;

export function TextField(
  props: FieldProps & {
    value?: string | number | undefined;
    type?: "text" | "number" | "date" | "datetime-local" | "email" | "search";
    inputMode?: "decimal" | "numeric" | "text";
    autocomplete?: string;
    step?: string;
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${props.error ? " utrecht-textbox--invalid" : ""}`}
        id={fieldId(props.name)}
        name={props.name}
        type={(props.type ?? "text") as "text"}
        value={props.value === undefined ? undefined : String(props.value)}
        inputMode={props.inputMode}
        step={props.step}
        autocomplete={props.autocomplete ?? "off"}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { value?: string | undefined; rows?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? " utrecht-textarea--invalid" : ""}`}
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ""}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { value?: string | undefined; options: readonly { value: string; label: string }[] },
) {
  return (
    <FieldFrame {...props}>
      <select
        class={`utrecht-select utrecht-select--html-select${props.error ? " utrecht-select--invalid" : ""}`}
        id={fieldId(props.name)}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox(props: FieldProps & { checked?: boolean; value?: string }) {
  const id = fieldId(props.name);
  return (
    <div
      class={`utrecht-form-field utrecht-form-field--checkbox${props.error ? " utrecht-form-field--invalid" : ""}`}
    >
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input"
            type="checkbox"
            id={id}
            name={props.name}
            value={props.value ?? "true"}
            checked={props.checked}
            aria-invalid={props.error ? "true" : undefined}
            aria-describedby={describedBy(props)}
          />{" "}
          {props.label}
        </label>
      </div>
      {props.description ? (
        <div class="utrecht-form-field-description" id={`${id}-description`}>
          {props.description}
        </div>
      ) : null}
      {props.error ? (
        <div class="utrecht-form-field-error-message" id={`${id}-error`}>
          {props.error}
        </div>
      ) : null}
    </div>
  );
}

export const Fieldset = ({ legend, children }: { legend: string; children: ComponentChildren }) => (
  <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
    {children}
  </fieldset>
);

/**
 * Above a form that came back with errors: a summary linking to each field (focus moves to it on
 * load through `autofocus`-free means: it is the first heading after the page title, role="alert").
 */
export function ErrorSummary({
  title,
  errors,
  detail,
}: {
  title: string;
  errors: readonly { field: string; message: string }[];
  detail?: string | undefined;
}) {
  if (!errors.length && !detail) return null;
  return (
    <>
      <div class="utrecht-alert utrecht-alert--error" role="alert" id="error-summary" tabindex={-1}>
        <div class="utrecht-alert__content">
          <h2 class="utrecht-heading-2">{title}</h2>
          {detail ? <p class="utrecht-paragraph">{detail}</p> : null}
          {errors.length ? (
            <ul class="utrecht-unordered-list">
              {errors.map((e) => (
                <li class="utrecht-unordered-list__item">
                  <a class="utrecht-link utrecht-link--html-a" href={`#${fieldId(e.field)}`}>
                    {e.message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
      <PageScript name="error-summary" />
    </>
  );
}

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
