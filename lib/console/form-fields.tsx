import type { ComponentChildren } from "preact";
import { PageScript } from "./components.js";
import type { FormState } from "./forms.js";
import { inLang, type Lang } from "./i18n.js";
import { common } from "./messages.js";

/**
 * Forms on the NL Design System (Utrecht CSS classes). Every field has a label, its description and
 * error tied to it with aria-describedby, and aria-invalid when wrong.
 */

/** The id a field gets from its form name (`lines.0.units` → `field-lines-0-units`); error links point at it. */
export const fieldId = (name: string): string => `field-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

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

/** The error summary of a form that came back refused: its field errors and the API's detail. */
export const FormErrors = ({ lang, state }: { lang: Lang; state: FormState }) => (
  <ErrorSummary title={inLang(common, lang).errorSummaryTitle} errors={state.errors} detail={state.detail} />
);
