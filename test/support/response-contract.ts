import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { loadEndpoints } from "../../functions/local.js";
import { generateOpenApi } from "../../functions/scripts/openapi.js";
import { type EndpointDescription, isBinaryResponse } from "../../lib/http/endpoint.js";
import { matchRoute, type RouteDef, routeKey } from "../../lib/http/routes.js";
import {
  FALLBACK_PROBLEM_CODES,
  type ProblemStatus,
  routeProblemCodes,
} from "../../lib/http/problem-codes.js";
import { problemSchema } from "../../lib/schemas/problem.js";

/**
 * Checks a real response against what its route declares: the body schema of a success status (the
 * zod schema, then the OpenAPI document's JSON Schema for the route and status), or problem+json with a
 * code the route lists for an error. Integration and e2e clients run it on every response, so a schema,
 * a document or a problem code that drifts from the code fails the test that saw the response.
 */
export class ResponseDrift extends Error {
  override name = "ResponseDrift";
}

let endpoints: Promise<Map<string, EndpointDescription>> | undefined;
const endpointsByKey = () => {
  endpoints ??= loadEndpoints().then((list) => new Map(list.map((e) => [e.spec.key, e.spec])));
  return endpoints;
};

export async function checkResponse(
  method: string,
  url: string,
  status: number,
  contentType: string,
  body: unknown,
): Promise<void> {
  const path = new URL(url, "http://local").pathname;
  const where = `${method} ${path} → ${status}`;
  if (status >= 400) {
    if (!contentType.startsWith("application/problem+json"))
      throw new ResponseDrift(`${where}: an error is application/problem+json, not "${contentType}"`);
    fail(where, problemSchema.safeParse(body));
    return checkProblemCode(method, path, status, body as { status: number; code: string });
  }
  const { match } = matchRoute(method, path);
  if (!match) throw new ResponseDrift(`${where}: a success on no route of the route list`);
  const spec = (await endpointsByKey()).get(routeKey(match.route));
  const responses = await spec?.responses?.();
  if (!responses) return; // checked by the endpoint-specs test: every endpoint declares its responses
  const schema = responses[status as keyof typeof responses];
  if (schema === undefined) throw new ResponseDrift(`${where}: status not declared by the route`);
  if (isBinaryResponse(schema)) {
    if (!contentType.startsWith(schema.binary))
      throw new ResponseDrift(`${where}: a file of type ${schema.binary}, not "${contentType}"`);
    return;
  }
  if (schema === null) {
    if (body !== "" && body !== undefined) throw new ResponseDrift(`${where}: declared without a body`);
    return;
  }
  if (!contentType.startsWith("application/json"))
    throw new ResponseDrift(`${where}: a JSON body is application/json, not "${contentType}"`);
  fail(where, schema.safeParse(body));
  await checkAgainstDocument(match.route, status, body);
}

/**
 * The OpenAPI document as the code generates it now (the committed file is checked equal to it
 * elsewhere), loaded into one ajv (JSON Schema 2020-12 with formats) under this id.
 */
const DOCUMENT_ID = "openapi.json";
let documentAjv: Promise<{ ajv: Ajv2020; paths: Record<string, any> }> | undefined;
const validators = new Map<string, ValidateFunction>();

/** A JSON success body against the document's schema for its route and status (ajv, not zod). */
export async function checkAgainstDocument(route: RouteDef, status: number, body: unknown): Promise<void> {
  documentAjv ??= generateOpenApi().then((document) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...document, $id: DOCUMENT_ID });
    return { ajv, paths: document.paths };
  });
  const { ajv, paths } = await documentAjv;
  const where = `${route.method} ${route.path} → ${status} (OpenAPI document)`;
  const key = `${routeKey(route)} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = paths[route.path]?.[route.method.toLowerCase()]?.responses?.[status]?.content?.[
      "application/json"
    ]?.schema as { $ref?: string } | undefined;
    if (!schema?.$ref) throw new ResponseDrift(`${where}: no JSON body documented`);
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}${schema.$ref}` });
    validators.set(key, validate);
  }
  if (validate(body)) return;
  const issues = (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e) => `${e.instancePath || "(body)"}: ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`,
    );
  throw new ResponseDrift(`${where}: the body does not fit the documented schema: ${issues.join("; ")}`);
}

/**
 * An error's `code` must be one its route documents for that status (lib/http/problem-codes.ts): the
 * shared stack's or those its spec declares in `problems`; a request on no route, the fallback's.
 */
async function checkProblemCode(
  method: string,
  path: string,
  status: number,
  problem: { status: number; code: string },
) {
  const where = `${method} ${path} → ${status} ${problem.code}`;
  if (problem.status !== status)
    throw new ResponseDrift(`${where}: the problem says status ${problem.status}`);
  const { match } = matchRoute(method, path);
  const spec = match ? (await endpointsByKey()).get(routeKey(match.route)) : undefined;
  if (match && !spec) throw new ResponseDrift(`${where}: no endpoint serves ${routeKey(match.route)}`);
  const codes = spec ? routeProblemCodes(spec) : FALLBACK_PROBLEM_CODES;
  const declared = codes[status as ProblemStatus] ?? [];
  if (declared.includes(problem.code)) return;
  const route = match ? routeKey(match.route) : "the fallback route";
  throw new ResponseDrift(
    `${where}: ${route} does not list "${problem.code}" for ${status} (it lists: ${declared.join(", ") || "none"})`,
  );
}

function fail(
  where: string,
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
) {
  if (result.success) return;
  const issues = result
    .error!.issues.slice(0, 5)
    .map((i) => `${i.path.map(String).join(".") || "(body)"}: ${i.message}`);
  throw new ResponseDrift(`${where}: the body does not fit its declared schema: ${issues.join("; ")}`);
}
