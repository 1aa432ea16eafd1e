/** Domain errors carry no HTTP knowledge; lib/http maps them to problem+json. */
export interface FieldError {
  path: string;
  message: string;
  /** Why, for machines: "invalid" for a malformed value, or the refusing rule's code. */
  code?: string;
}

/** The input has the wrong shape or values: 400 with field paths (`code` names a specific kind). */
export class InvalidInput extends Error {
  constructor(
    readonly errors: FieldError[],
    message = "The request has invalid fields.",
    readonly code = "invalid-input",
  ) {
    super(message);
    this.name = "InvalidInput";
  }
}

/** A business rule refuses a well-formed request: 422. */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = "RuleViolation";
  }
}

/** Unknown id, or an id of another tenant: 404 (never reveal existence). */
export class NotFound extends Error {
  constructor(what = "resource") {
    super(`No such ${what}.`);
    this.name = "NotFound";
  }
}

/** State or version conflict: 409 (`code` names a specific kind, e.g. "scores-frozen"). */
export class Conflict extends Error {
  constructor(
    message: string,
    readonly code = "conflict",
  ) {
    super(message);
    this.name = "Conflict";
  }
}

/** Authenticated but not allowed: 403. */
export class Forbidden extends Error {
  constructor(message = "Your role may not do this.") {
    super(message);
    this.name = "Forbidden";
  }
}
