import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const dataDir = (): string => process.env.DATA_DIR ?? ".data";

/**
 * The local development signing key, shared by `npm start` and `npm run token`. It lives in the
 * data folder (also with --in-memory, where only the database is thrown away). Never used in AWS.
 */
export function loadOrCreateDevKey(dir = dataDir()): string {
  if (process.env.DEV_SIGNING_KEY) return process.env.DEV_SIGNING_KEY;
  const file = join(dir, "dev-signing-key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
