import { Heading } from "../../../lib/console/components.js";
import { Button, Form } from "../../../lib/console/form-fields.js";
import type { ConsolePage } from "../../../lib/console/page.js";

/** Pages of each kind the framework must handle: one role's page, a form, a page that fails. */
export const testPages: ConsolePage[] = [
  {
    method: "GET",
    path: "/console/test/officers/{name}",
    access: ["officer"],
    async handle(ctx) {
      return { title: "Officers", body: <Heading level={1}>{`Officer page ${ctx.params.name}`}</Heading> };
    },
  },
  {
    method: "GET",
    path: "/console/test/form",
    access: ["officer", "supplier"],
    async handle(ctx) {
      return {
        title: "Form",
        body: (
          <Form action="/console/test/form" csrf={ctx.session!.csrf} label="Test form">
            <Button>Send</Button>
          </Form>
        ),
      };
    },
  },
  {
    method: "POST",
    path: "/console/test/form",
    access: ["officer", "supplier"],
    async handle(ctx) {
      return { redirect: `/console/test/form?got=${ctx.form.get("value") ?? ""}` };
    },
  },
  {
    method: "GET",
    path: "/console/test/fails",
    access: ["officer"],
    async handle() {
      throw new Error("the page broke");
    },
  },
  {
    method: "GET",
    path: "/console/test/health",
    access: ["officer"],
    async handle(ctx) {
      const answer = await ctx.api.get<{ status: string }>("/v1/health");
      return {
        title: "Health",
        body: <Heading level={1}>{answer.ok ? answer.body.status : "down"}</Heading>,
      };
    },
  },
];
