import { PROCEDURES } from "../../domain/procurement/procedure.js";
import { Paragraph } from "../components.js";
import { Button, Checkbox, Fieldset, SelectField, TextArea } from "../form-fields.js";
import { errorOf, type FormState, bound } from "../forms.js";
import { lotRows, ownModel } from "./lot-form.js";
import type { OfficerMessages } from "./messages.js";
import { type Choices, decimal, fieldOf, ModelFieldsets } from "./wizard-model.js";

/** The wizard's details, procedure and lots fieldsets (the award model's are in wizard-model.tsx). */

const CONTRACT_TYPES = ["works", "services", "supplies"] as const;

export function DetailsFieldset({ m, all }: { m: OfficerMessages; all: FormState }) {
  const v = all.values;
  const field = fieldOf(all);
  return (
    <Fieldset legend={m.stepDetails}>
      {field("reference", m.reference)}
      {field("title", m.title)}
      <TextArea {...bound(all, "description")} label={m.description} />
      {field("cpvCode", m.cpvCode, { description: m.cpvHint })}
      {field("estimatedValue", m.estimatedValue, { ...decimal, description: m.estimatedValueHint })}
      <SelectField
        {...bound(all, "contractType")}
        label={m.contractType}
        options={CONTRACT_TYPES.map((t) => ({ value: t, label: m.contractTypes(t) }))}
      />
      {field("labourShare", m.labourShare, { ...decimal, description: m.labourShareHint })}
      {field("contractPeriod.startDate", m.startDate, { type: "date" })}
      {field("contractPeriod.endDate", m.endDate, { type: "date" })}
      {field("submissionDeadline", m.submissionDeadline, {
        type: "datetime-local",
        description: m.deadlineHint,
      })}
      <Checkbox
        name="pricesSealedUntilQualityScored"
        label={m.pricesSealed}
        checked={v.pricesSealedUntilQualityScored === "true"}
        error={errorOf(all, "pricesSealedUntilQualityScored")}
      />
      <TextArea
        {...bound(all, "noImpactCriteriaReason")}
        label={m.noImpactReason}
        description={m.noImpactReasonHint}
        rows={2}
      />
    </Fieldset>
  );
}

/** The procedure, the standstill and what the award notice discloses. */
export function ProcedureFieldset({ m, all }: { m: OfficerMessages; all: FormState }) {
  const v = all.values;
  const field = fieldOf(all);
  return (
    <Fieldset legend={m.stepProcedure}>
      <SelectField
        name="procedure"
        label={m.procedure}
        description={m.procedureHint}
        value={v.procedure ?? "open"}
        error={errorOf(all, "procedure")}
        options={PROCEDURES.map((p) => ({ value: p, label: m.procedures(p) }))}
      />
      {field("standstillDays", m.standstillDays, { inputMode: "numeric", description: m.standstillHint })}
      <SelectField
        name="algemeneTermijnenwet"
        label={m.algemeneTermijnenwet}
        description={m.algemeneTermijnenwetHint}
        value={v.algemeneTermijnenwet ?? "true"}
        error={errorOf(all, "algemeneTermijnenwet")}
        options={[
          { value: "true", label: m.yes },
          { value: "false", label: m.no },
        ]}
      />
      <Checkbox
        name="publishBidPrices"
        label={m.publishBidPrices}
        checked={v.publishBidPrices === "true"}
        error={errorOf(all, "publishBidPrices")}
      />
    </Fieldset>
  );
}

/** Lots: each with its title and value, and the tender's award model or one of its own. */
export function LotsFieldset({
  m,
  all,
  choices,
  addLot,
  addCriterion,
}: {
  m: OfficerMessages;
  all: FormState;
  choices: Choices;
  addLot?: boolean;
  addCriterion?: string;
}) {
  const v = all.values;
  const field = fieldOf(all);
  const rows = lotRows(v, addLot);
  return (
    <Fieldset legend={m.lots}>
      <Paragraph>{m.lotsHint}</Paragraph>
      {Array.from({ length: rows }, (_, i) => {
        const l = `lots.${i}`;
        return (
          <Fieldset legend={m.lotRow(i + 1)}>
            {field(`${l}.id`, m.lotId, { description: m.lotIdHint })}
            {field(`${l}.title`, m.lotTitle)}
            {field(`${l}.estimatedValue`, m.lotValue, decimal)}
            <Checkbox
              name={`${l}.ownModel`}
              label={m.lotOwnModel}
              checked={ownModel(v, i)}
              error={errorOf(all, `${l}.awardModel`)}
            />
            {ownModel(v, i) ? (
              <ModelFieldsets
                m={m}
                all={all}
                choices={choices}
                prefix={`${l}.awardModel`}
                legend={m.lotModel(i + 1)}
                addCriterion={addCriterion}
              />
            ) : null}
          </Fieldset>
        );
      })}
      {field("maxLotsPerSupplier", m.maxLotsPerSupplier, { inputMode: "numeric" })}
      <Button kind="secondary" name="_action" value="add-lot">
        {m.addLot}
      </Button>
      <Button kind="secondary" name="_action" value="refresh">
        {m.refreshForm}
      </Button>
    </Fieldset>
  );
}
