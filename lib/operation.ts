import { createHash, randomUUID } from "node:crypto";
import type { Role } from "./domain/orgs.js";

export { ROLES, type Role } from "./domain/orgs.js";

/** Who acts: the verified caller, reduced to what use cases and audit events need. */
export interface Actor {
  sub: string;
  role: Role;
  orgId: string;
  regionId: string | null;
}

/**
 * One state-changing operation. Its id and `now` are fixed for the operation's lifetime, and kept
 * across retries of the same Idempotency-Key, so every step (ids, audit events) is deterministic
 * and a retry completes a half-done operation instead of duplicating it.
 */
export interface Operation {
  opId: string;
  now: Date;
  actor: Actor;
  /** A stable id for something this operation creates; the same label gives the same id on retry. */
  id(label: string): string;
  /**
   * The time a step actually runs. Only for bookkeeping that must not freeze with a resumed operation
   * (when an in-flight marker was raised); every rule and stored figure uses `now`.
   */
  wallClock(): Date;
}

export function operation(
  actor: Actor,
  now: Date,
  opId: string = randomUUID(),
  wallClock: () => Date = () => new Date(now),
): Operation {
  return {
    opId,
    now,
    actor,
    wallClock,
    id: (label) => createHash("sha256").update(`${opId}:${label}`).digest("base64url").slice(0, 22),
  };
}

export { canonicalJson, digestOf, sha256 } from "./domain/digest.js";
