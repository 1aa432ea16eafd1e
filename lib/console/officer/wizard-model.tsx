import type { ReferenceTablePageResponse } from "../../schemas/responses/scoring.js";
import type { CataloguePageResponse } from "../../schemas/responses/sroi.js";
import { Paragraph } from "../components.js";
import { Button, Checkbox, Fieldset, SelectField, TextField } from "../form-fields.js";
import { errorOf, type FormState, bound } from "../forms.js";
import type { PageContext } from "../page.js";
import type { OfficerMessages } from "./messages.js";
import { criterionRows, TIE_BREAKER_CHOICES } from "./tender-form.js";

/**
 * The award model builder's fieldsets: method, price rule, criteria, corrections, social return and
 * tie-breakers, under a field prefix (`awardModel` for the tender, `lots.0.awardModel` for a lot).
 */

const METHODS = ["weighted-points", "award-on-value", "lowest-cost", "lowest-price"] as const;
const FORMULAS = ["relative-lowest", "absolute-linear", "relative-linear", "log"] as const;
const SR_MODES = ["", "minimum", "points", "euro-credit"] as const;

export interface Choices {
  certificates: string[];
  factorSets: string[];
  catalogues: string[];
}

export async function choicesOf(ctx: PageContext): Promise<Choices> {
  const [certificates, factorSets, catalogues] = await Promise.all([
    ctx.api.get<ReferenceTablePageResponse>("/v1/reference-tables?kind=certificate-discount&limit=100"),
    ctx.api.get<ReferenceTablePageResponse>("/v1/reference-tables?kind=true-price-factors&limit=100"),
    ctx.api.get<CataloguePageResponse>("/v1/sroi/catalogues?limit=100"),
  ]);
  const ids = (answer: { ok: boolean; body?: { items: { id: string }[] } }) =>
    answer.ok ? [...new Set(answer.body!.items.map((i) => i.id))] : [];
  return {
    certificates: ids(certificates as never),
    factorSets: ids(factorSets as never),
    catalogues: ids(catalogues as never),
  };
}

/** A text field bound to the form's values and errors. */
export const fieldOf =
  (all: FormState) =>
  (name: string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField {...bound(all, name)} label={label} {...extra} />
  );

export const decimal = { inputMode: "decimal" as const };

export function ModelFieldsets({
  m,
  all,
  choices,
  prefix,
  legend,
  addCriterion,
}: {
  m: OfficerMessages;
  all: FormState;
  choices: Choices;
  prefix: string;
  legend: string;
  /** The prefix whose criteria get one empty row more. */
  addCriterion?: string;
}) {
  const v = all.values;
  const field = fieldOf(all);
  const p = prefix;
  const rows = criterionRows(v, addCriterion === p, p);
  return (
    <Fieldset legend={legend}>
      <SelectField
        name={`${p}.method`}
        label={m.method}
        value={v[`${p}.method`]}
        error={errorOf(all, `${p}.method`)}
        options={METHODS.map((x) => ({ value: x, label: m.methods(x) }))}
      />
      <Fieldset legend={m.priceRule}>
        <SelectField
          name={`${p}.price.formula`}
          label={m.priceFormula}
          description={m.priceFormulaHint}
          value={v[`${p}.price.formula`] ?? ""}
          error={errorOf(all, `${p}.price.formula`) ?? errorOf(all, `${p}.price`)}
          options={[
            { value: "", label: m.priceFormulaNone },
            ...FORMULAS.map((f) => ({ value: f, label: m.priceFormulas(f) })),
          ]}
        />
        {field(`${p}.price.maxPoints`, m.priceMaxPoints, decimal)}
        {field(`${p}.price.bounds.min`, m.boundsMin, decimal)}
        {field(`${p}.price.bounds.max`, m.boundsMax, decimal)}
      </Fieldset>
      <Fieldset legend={m.criteria}>
        <Paragraph>{m.criteriaHint}</Paragraph>
        {Array.from({ length: rows }, (_, i) => {
          const c = `${p}.criteria.${i}`;
          return (
            <Fieldset legend={m.criterion(i + 1)}>
              {v[`${c}.id`] ? <input type="hidden" name={`${c}.id`} value={v[`${c}.id`]} /> : null}
              {field(`${c}.name`, m.criterionName)}
              {field(`${c}.scale.min`, m.scaleMin, decimal)}
              {field(`${c}.scale.max`, m.scaleMax, decimal)}
              {field(`${c}.maxPoints`, m.maxPoints, decimal)}
              {field(`${c}.maxValue`, m.maxValue, decimal)}
              {field(`${c}.minimumScore`, m.minimumScore, decimal)}
            </Fieldset>
          );
        })}
        <Button kind="secondary" name="_action" value={`add-criterion:${p}`}>
          {m.addCriterion}
        </Button>
      </Fieldset>
      <Fieldset legend={m.corrections}>
        <SelectField
          name={`${p}.corrections.certificate.tableId`}
          label={m.certificate}
          value={v[`${p}.corrections.certificate.tableId`] ?? ""}
          error={
            errorOf(all, `${p}.corrections.certificate.tableId`) ??
            errorOf(all, `${p}.corrections.certificate`)
          }
          options={[
            { value: "", label: m.none },
            ...choices.certificates.map((id) => ({ value: id, label: id })),
          ]}
        />
        <SelectField
          name={`${p}.corrections.truePrice.factorSetId`}
          label={m.truePrice}
          value={v[`${p}.corrections.truePrice.factorSetId`] ?? ""}
          error={
            errorOf(all, `${p}.corrections.truePrice.factorSetId`) ??
            errorOf(all, `${p}.corrections.truePrice`)
          }
          options={[
            { value: "", label: m.none },
            ...choices.factorSets.map((id) => ({ value: id, label: id })),
          ]}
        />
        {field(`${p}.corrections.mki.valuationFactor`, m.mkiFactor, decimal)}
        <Checkbox
          name={`${p}.corrections.lcc`}
          label={m.lcc}
          checked={v[`${p}.corrections.lcc`] === "true"}
          error={errorOf(all, `${p}.corrections.lcc`)}
        />
      </Fieldset>
      <Fieldset legend={m.socialReturn}>
        <SelectField
          name={`${p}.socialReturn.mode`}
          label={m.socialReturnMode}
          value={v[`${p}.socialReturn.mode`] ?? ""}
          error={errorOf(all, `${p}.socialReturn.mode`) ?? errorOf(all, `${p}.socialReturn`)}
          options={SR_MODES.map((x) => ({ value: x, label: m.socialReturnModes(x) }))}
        />
        <SelectField
          name={`${p}.socialReturn.catalogue.id`}
          label={m.catalogue}
          value={v[`${p}.socialReturn.catalogue.id`]}
          error={errorOf(all, `${p}.socialReturn.catalogue.id`)}
          options={choices.catalogues.map((id) => ({ value: id, label: id }))}
        />
        {field(`${p}.socialReturn.percentOfPrice`, m.percentOfPrice, decimal)}
        {field(`${p}.socialReturn.maxPoints`, m.srMaxPoints, decimal)}
        {field(`${p}.socialReturn.fullPointsAtPercent`, m.fullPointsAtPercent, decimal)}
        {field(`${p}.socialReturn.creditFactor`, m.creditFactor, decimal)}
      </Fieldset>
      <Fieldset legend={m.tieBreakers}>
        {TIE_BREAKER_CHOICES.map((t) => (
          <Checkbox
            name={`${p}.tieBreakers.${t}`}
            label={m.tieBreakerNames(t)}
            checked={v[`${p}.tieBreakers.${t}`] === "true"}
          />
        ))}
      </Fieldset>
    </Fieldset>
  );
}
