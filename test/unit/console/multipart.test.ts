import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundaryOf, parseMultipart } from "../../../lib/console/multipart.js";

const BOUNDARY = "----WebKitFormBoundaryABC123";
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A body as a browser encodes a form: fields, then files, each part's bytes as they are. */
function encode(
  fields: [string, string][],
  files: { name: string; filename: string; bytes: Buffer }[],
): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of fields)
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

describe("multipart/form-data", () => {
  it("reads the fields and the file of an upload form as Chromium sends it", () => {
    const csv = Buffer.from("\uFEFFblockId;period\r\nregister;2026-01\r\n", "utf8");
    const form = parseMultipart(
      encode(
        [
          ["_csrf", "abc-123"],
          ["_idempotency", "k1"],
        ],
        [{ name: "file", filename: "januari €.csv", bytes: csv }],
      ),
      TYPE,
    );
    expect(form?.fields.get("_csrf")).toBe("abc-123");
    expect(form?.fields.get("_idempotency")).toBe("k1");
    expect(form?.files.get("file")).toEqual({
      filename: "januari €.csv",
      contentType: "text/csv",
      bytes: csv,
    });
  });

  it("gives back every field and file byte for byte (any text, any bytes)", () => {
    const name = fc.stringMatching(/^[A-Za-z_][\w.-]{0,20}$/);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fc.string({ unit: "grapheme" })), { maxLength: 5 }),
        fc.uint8Array({ maxLength: 300 }),
        (fields, bytes) => {
          const file = Buffer.from(bytes);
          // A part cannot contain its own delimiter; browsers choose a boundary that is not in the data.
          fc.pre(!Buffer.concat([file, ...fields.map(([, v]) => Buffer.from(v))]).includes(`--${BOUNDARY}`));
          const form = parseMultipart(
            encode(fields, [{ name: "upload", filename: "x.bin", bytes: file }]),
            TYPE,
          );
          expect([...form!.fields]).toEqual(fields);
          expect(form!.files.get("upload")!.bytes.equals(file)).toBe(true);
        },
      ),
    );
  });

  it("refuses what is not a multipart body", () => {
    expect(parseMultipart(Buffer.from("a=1"), "application/x-www-form-urlencoded")).toBeUndefined();
    expect(parseMultipart(Buffer.from("no delimiter"), TYPE)).toBeUndefined();
    const cut = encode([["a", "1"]], []).subarray(0, 40);
    expect(parseMultipart(cut, TYPE)).toBeUndefined();
    expect(
      parseMultipart(
        Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${BOUNDARY}--`),
        TYPE,
      ),
    ).toBeUndefined();
  });

  it("reads the boundary, quoted or not", () => {
    expect(boundaryOf(TYPE)).toBe(BOUNDARY);
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(boundaryOf("text/csv")).toBeUndefined();
    expect(boundaryOf(undefined)).toBeUndefined();
  });
});
