import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { operation } from "../../lib/operation.js";
import { createOrganisation, getOrganisation, type Organisation } from "../../lib/orgs/organisations.js";
import { slugSchema } from "../../lib/schemas/common.js";

/**
 * One-off bootstrap of a deployed stage: creates the operator organisation that the first admin
 * user's `custom:org` points at (a token whose organisation does not exist is refused, and only an
 * admin of an operator can create organisations through the API, so the first one is made here).
 *
 *   TABLE_NAME=impact-procurement-dev AWS_REGION=eu-west-1 \
 *     npx tsx functions/scripts/create-operator.ts --id op-platform --name "Platform operator"
 *
 * Uses the caller's AWS credentials (DynamoDB PutItem/GetItem on the table). Safe to re-run: an
 * existing operator with that id is left as it is. Writes the usual audit event, by `system:bootstrap`.
 */
export async function createOperator(input: {
  id: string;
  name: string;
  now: Date;
}): Promise<{ created: boolean; organisation: Organisation }> {
  const id = slugSchema.parse(input.id);
  const existing = await getOrganisation(id);
  if (existing) {
    if (existing.kind !== "operator") {
      throw new Error(`Organisation '${id}' exists and is a ${existing.kind}, not an operator.`);
    }
    return { created: false, organisation: existing };
  }
  const actor = { sub: "system:bootstrap", role: "admin", orgId: id, regionId: null } as const;
  // A fixed operation id per operator: a retry after a crash completes the same operation.
  const op = operation(actor, input.now, `bootstrap:operator:${id}`);
  const organisation = await createOrganisation(op, { id, kind: "operator", name: input.name });
  return { created: true, organisation };
}

async function main() {
  const { values } = parseArgs({
    options: { id: { type: "string" }, name: { type: "string" } },
  });
  if (!values.id || !values.name || !process.env.TABLE_NAME) {
    console.error(
      'Usage: TABLE_NAME=impact-procurement-<stage> npx tsx functions/scripts/create-operator.ts --id <operator-id> --name "<name>"',
    );
    process.exit(2);
  }
  const { created, organisation } = await createOperator({
    id: values.id,
    name: values.name,
    now: new Date(),
  });
  console.log(
    `${created ? "Created" : "Already present:"} operator organisation '${organisation.id}' (${organisation.name}) in ${process.env.TABLE_NAME}.`,
  );
  console.log(
    `Next: invite the first admin with custom:role=admin and custom:org=${organisation.id} (README, "Deploying to AWS").`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
