import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleViolation } from "../../../lib/domain/errors.js";
import { containsBsn, passesElevenTest, refuseBsn, refuseBsnIn } from "../../../lib/domain/sroi/bsn.js";

// 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8 − 2 = 154 = 14 × 11
const VALID = "123456782";

describe("BSN 11-test", () => {
  it("accepts numbers whose weighted sum is divisible by 11", () => {
    expect(passesElevenTest(VALID)).toBe(true);
    expect(passesElevenTest("111222333")).toBe(true);
    expect(passesElevenTest("123456789")).toBe(false);
    expect(passesElevenTest("12345678")).toBe(false);
  });

  it("finds a standalone run of nine digits, also in common written forms", () => {
    expect(containsBsn(`kandidaat ${VALID} via WSP`)).toBe(true);
    expect(containsBsn(`cand-${VALID}`)).toBe(true);
    expect(containsBsn("1234.56.782")).toBe(true);
    expect(containsBsn("123 456 782")).toBe(true);
    expect(containsBsn("123-456-782")).toBe(true);
    expect(containsBsn("BSN 1234.56.782 (checked)")).toBe(true);
    expect(containsBsn("phone 12 3456.56.782")).toBe(false);
  });

  it("ignores longer digit runs, failing numbers and ordinary text", () => {
    expect(containsBsn(`${VALID}0`)).toBe(false);
    expect(containsBsn(`9${VALID}`)).toBe(false);
    expect(containsBsn("123456789")).toBe(false);
    expect(containsBsn("invoice 2024-001 of 3 hours, 12 people")).toBe(false);
    expect(containsBsn("C-017")).toBe(false);
  });

  it("flags exactly the nine-digit runs that pass the 11-test", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.string({ maxLength: 10 }), (digits, word) => {
        const text = `ref ${digits} ${word.replace(/\d/g, "")}`;
        expect(containsBsn(text)).toBe(passesElevenTest(digits));
      }),
    );
  });
});

describe("refuseBsn", () => {
  it("names the field and never repeats the number", () => {
    let error: unknown;
    try {
      refuseBsn({ candidateRef: "cand-7", note: `started ${VALID}`, evidence: undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleViolation);
    const rv = error as RuleViolation;
    expect(rv.code).toBe("bsn-refused");
    expect(rv.message).toContain('"note"');
    expect(rv.message).not.toContain(VALID);
    expect(JSON.stringify(rv.errors)).not.toContain(VALID);
    expect(rv.errors.map((e) => e.path)).toEqual(["note"]);
  });

  it("passes clean fields", () => {
    expect(() => refuseBsn({ candidateRef: "K-2024-17", note: null })).not.toThrow();
  });
});

describe("refuseBsnIn", () => {
  const pathsOf = (value: unknown, root: string) => {
    try {
      refuseBsnIn(value, root);
      return [];
    } catch (error) {
      return (error as RuleViolation).errors.map((e) => e.path);
    }
  };

  it("scans every string at any depth and names each by its path", () => {
    const body = {
      title: "Werk",
      lines: [{ note: `kandidaat ${VALID}` }, { note: "ok" }],
      meta: { a: VALID },
    };
    expect(pathsOf(body, "body")).toEqual(["body.lines.0.note", "body.meta.a"]);
    expect(pathsOf({ title: VALID }, "")).toEqual(["title"]);
  });

  it("skips structured identifiers and numbers that are not strings", () => {
    const body = { vendorKvk: VALID, invoice: { invoiceNumber: VALID, vat: VALID }, amount: 111222333 };
    expect(pathsOf(body, "body")).toEqual([]);
  });
});
