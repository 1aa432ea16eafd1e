import "./quiet-sdk.js";
import { parseArgs } from "node:util";
import { loadOrCreateDevKey } from "./dev-key.js";
import { mintToken } from "./tokens.js";

/** npm run token -- --role officer --org gm-zwolle [--sub id] [--ttl 8h, at most 12h]: prints only the token. */
const { values } = parseArgs({
  options: {
    role: { type: "string" },
    org: { type: "string" },
    sub: { type: "string" },
    ttl: { type: "string", default: "8h" },
  },
});
if (!values.role || !values.org) {
  console.error(
    "usage: npm run token -- --role officer|supplier|auditor|admin --org <orgId> [--sub <id>] [--ttl 8h (at most 12h)]",
  );
  process.exit(2);
}
try {
  process.stdout.write(
    `${await mintToken({ role: values.role, org: values.org, sub: values.sub, ttl: values.ttl }, loadOrCreateDevKey())}\n`,
  );
} catch (error) {
  if (!(error instanceof RangeError)) throw error;
  console.error(error.message);
  process.exit(2);
}
