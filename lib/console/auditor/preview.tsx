import { randomUUID } from "node:crypto";
import type { ComponentChildren } from "preact";
import { Alert, ButtonGroup, Heading, Paragraph } from "../components.js";
import { Button, Form } from "../form-fields.js";
import { inLang } from "../i18n.js";
import type { HtmlResult, PageContext } from "../page.js";
import { auditorMessages } from "./messages.js";

/**
 * The page between editing a rules version and publishing it: what changes, then one form that
 * publishes exactly what was previewed (carried in hidden fields, with a fresh Idempotency-Key) or
 * goes back to editing. A `notice` (someone published meanwhile) makes it a 409.
 */
export function previewResult(
  ctx: PageContext,
  preview: {
    notice?: string | undefined;
    content: ComponentChildren;
    action: string;
    carried: Record<string, string>;
    canPublish: boolean;
  },
): HtmlResult {
  const m = inLang(auditorMessages, ctx.lang);
  return {
    title: m.previewTitle,
    status: preview.notice ? 409 : 200,
    body: (
      <>
        <Heading level={1}>{m.previewTitle}</Heading>
        {preview.notice ? (
          <Alert kind="warning">
            <Paragraph>{preview.notice}</Paragraph>
          </Alert>
        ) : null}
        {preview.content}
        <Form
          action={preview.action}
          csrf={ctx.session!.csrf}
          idempotencyKey={randomUUID()}
          label={m.publish}
        >
          {Object.entries(preview.carried).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <ButtonGroup>
            {preview.canPublish ? (
              <Button name="_action" value="publish">
                {m.publish}
              </Button>
            ) : null}
            <Button kind="secondary" name="_action" value="edit">
              {m.edit}
            </Button>
          </ButtonGroup>
        </Form>
      </>
    ),
  };
}
