import type { Problem } from "../api.js";
import { Alert, Paragraph, StatusBadge } from "../components.js";
import { inLang, type Lang } from "../i18n.js";
import type { PageContext } from "../page.js";
import { officer } from "./messages.js";

/** What the officer's tender pages share: paths, the phase badge, notices, refusals and the idempotency key. */

const enc = encodeURIComponent;

export const tenderPath = (id: string) => `/console/tenders/${enc(id)}`;
export const lotPath = (id: string, lotId: string) => `${tenderPath(id)}/lots/${enc(lotId)}`;

export const phaseKind = (phase: string) =>
  (
    ({
      draft: "neutral",
      published: "neutral",
      closed: "warning",
      opened: "warning",
      evaluated: "warning",
      "award-intended": "warning",
      awarded: "success",
      cancelled: "danger",
    }) as const
  )[phase] ?? "neutral";

export const PhaseBadge = ({ phase, lang }: { phase: string; lang: Lang }) => (
  <StatusBadge kind={phaseKind(phase) as "neutral"}>{inLang(officer, lang).phases(phase)}</StatusBadge>
);

/** The notices a page shows after a step worked (Post/Redirect/Get). */
const NOTICES = [
  "saved",
  "published",
  "opened",
  "evaluated",
  "scoresSaved",
  "intendedRecorded",
  "awarded",
  "cancelled",
  "correctionProposed",
  "correctionApproved",
  "correctionWithdrawn",
] as const;
export function Notice({ ctx }: { ctx: PageContext }) {
  const notice = ctx.query.get("notice");
  const m = inLang(officer, ctx.lang);
  if (!notice || !(NOTICES as readonly string[]).includes(notice)) return null;
  return <Alert kind="ok">{m[notice as (typeof NOTICES)[number]]}</Alert>;
}

/** A refused step: the API's own words (and field messages) above the page it came from. */
export const ProblemAlert = ({ problem }: { problem: Problem | undefined }) =>
  problem ? (
    <Alert kind="error">
      <Paragraph>{problem.detail ?? problem.title}</Paragraph>
      {problem.errors?.length ? (
        <ul class="utrecht-unordered-list">
          {problem.errors.map((e) => (
            <li class="utrecht-unordered-list__item">{e.message}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  ) : null;

/** The form's idempotency key as the API's Idempotency-Key: a double submit replays the first answer. */
export const keyOf = (ctx: PageContext) => {
  const key = ctx.form.get("_idempotency");
  return key ? { idempotencyKey: key } : {};
};
