import * as z from "zod";
import { type Endpoint, withSpec } from "./endpoint.js";
import { HttpError } from "./problem.js";
import { FALLBACK_ROUTE_KEY, matchRoute } from "./routes.js";

/**
 * Unknown path → 404; known path with another method → 405 with Allow; malformed percent-encoding
 * → 400. API Gateway's $default route.
 */
export const fallback: Endpoint = withSpec(
  {
    key: FALLBACK_ROUTE_KEY,
    route: { method: "GET", path: "/{proxy+}", area: "platform", public: true },
    public: true,
    roles: [],
    csv: false,
    params: z.unknown(),
    idempotent: false,
    maxBodyBytes: 0,
  },
  async ({ method, path }) => {
    const { allowed, malformed } = matchRoute(method, path);
    if (malformed) {
      throw new HttpError(400, "malformed-path", "The path has malformed percent-encoding (e.g. %FF).");
    }
    if (allowed.length) {
      throw new HttpError(405, "method-not-allowed", `${method} is not allowed on ${path}.`, {
        allow: [...new Set(allowed)].join(", "),
      });
    }
    throw new HttpError(404, "no-such-route", `There is no route ${method} ${path}.`);
  },
);
