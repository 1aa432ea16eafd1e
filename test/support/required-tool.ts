import { describe, it } from "vitest";

/**
 * `describe` for tests that need a tool of the machine (Chromium, poppler-utils): when it is missing
 * (`missing` says what and how to install it), a skipped suite that says so, or with CI=true a failing
 * test, so CI never passes without having run them.
 */
export function describeWithTool(
  name: string,
  missing: string | undefined,
  what: string,
  body: () => void,
): void {
  if (!missing) {
    describe(name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it(`has ${what} installed (CI=true: these checks must run)`, () => {
        throw new Error(missing);
      });
    });
    return;
  }
  console.warn(`NOT RUN: ${name}: ${missing}`);
  describe.skip(`${name} (not run: ${missing})`, body);
}
