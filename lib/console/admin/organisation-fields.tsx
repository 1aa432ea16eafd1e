import type { OrgKind } from "../../domain/orgs.js";
import type { OrganisationResponse } from "../../schemas/responses/orgs.js";
import { Fieldset, SelectField, TextField } from "../form-fields.js";
import { errorOf, type FormState, bound } from "../forms.js";
import type { AdminMessages } from "./messages.js";
import { sizeOptions, socialEnterpriseOptions } from "./shared.js";

/** The fields an organisation's forms share, and how their values become the API's body. */

export type Organisation = OrganisationResponse;

export const MUNICIPALITY_FIELDS = ["cbsCode"] as const;
export const SUPPLIER_FIELDS = ["postcode", "municipalityCbsCode", "sizeClass", "sbiCode"] as const;
const SOCIAL_ENTERPRISE_FIELDS = ["kind", "evidence", "validUntil"] as const;

/** The fields a municipality or a supplier carries; `values` are what the form shows. */
export function ImpactFields({
  kind,
  m,
  state,
}: {
  kind: OrgKind | "any";
  m: AdminMessages;
  state: FormState;
}) {
  const text = (name: string, label: string, description?: string) => (
    <TextField {...bound(state, name)} label={label} description={description} />
  );
  return (
    <>
      {kind === "municipality" || kind === "any" ? (
        <Fieldset legend={m.municipalityFields}>{text("cbsCode", m.cbsCode, m.cbsCodeDescription)}</Fieldset>
      ) : null}
      {kind === "supplier" || kind === "any" ? (
        <Fieldset legend={m.supplierFields}>
          {kind === "any" ? text("kvk", m.kvk, m.kvkDescription) : null}
          {text("postcode", m.postcode, m.postcodeDescription)}
          {text("municipalityCbsCode", m.municipalityCbsCode, m.cbsCodeDescription)}
          <SelectField
            name="sizeClass"
            label={m.sizeClass}
            value={state.values.sizeClass ?? ""}
            error={errorOf(state, "sizeClass")}
            options={sizeOptions(m)}
          />
          {text("sbiCode", m.sbiCode, m.sbiCodeDescription)}
          <Fieldset legend={m.socialEnterprise}>
            <SelectField
              name="socialEnterprise.kind"
              label={m.socialEnterpriseKind}
              value={state.values["socialEnterprise.kind"] ?? ""}
              error={errorOf(state, "socialEnterprise.kind") ?? errorOf(state, "socialEnterprise")}
              options={socialEnterpriseOptions(m)}
            />
            {text(
              "socialEnterprise.evidence",
              m.socialEnterpriseEvidence,
              m.socialEnterpriseEvidenceDescription,
            )}
            <TextField
              {...bound(state, "socialEnterprise.validUntil")}
              label={m.socialEnterpriseValidUntil}
              type="date"
            />
          </Fieldset>
        </Fieldset>
      ) : null}
    </>
  );
}

export const filled = (form: URLSearchParams, name: string): string | undefined => {
  const value = form.get(name)?.trim();
  return value ? value : undefined;
};

/** The social-enterprise claim when any of its parts is filled in (the API names a missing part). */
export function socialEnterpriseOf(form: URLSearchParams) {
  const parts = SOCIAL_ENTERPRISE_FIELDS.map((f) => [f, filled(form, `socialEnterprise.${f}`)] as const);
  return parts.some(([, v]) => v !== undefined)
    ? Object.fromEntries(parts.map(([f, v]) => [f, v ?? ""]))
    : undefined;
}
