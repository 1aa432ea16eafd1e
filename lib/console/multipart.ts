/**
 * `multipart/form-data` bodies (RFC 7578), for the forms that upload a file. Small and strict: parts
 * with a `Content-Disposition: form-data; name="…"` header, an optional filename and type; the bytes
 * of each part exactly as sent (a file is not decoded). Anything that does not parse gives undefined.
 */

export interface MultipartFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartForm {
  fields: URLSearchParams;
  files: Map<string, MultipartFile>;
}

/** The boundary named by a `Content-Type: multipart/form-data; boundary=…` header. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** A header parameter (`name="x"`); quoted strings may hold `\"` (as browsers send `%22` instead). */
function parameter(header: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(header);
  return m ? m[1]!.replace(/\\(.)/g, "$1").replace(/%22/g, '"') : undefined;
}

export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartForm | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const fields = new URLSearchParams();
  const files = new Map<string, MultipartFile>();
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    at += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return { fields, files };
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) return undefined;
    at += 2;
    const headerEnd = body.indexOf("\r\n\r\n", at, "latin1");
    if (headerEnd < 0) return undefined;
    const headers = body.subarray(at, headerEnd).toString("utf8").split("\r\n");
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n", "latin1"), delimiter]), headerEnd + 4);
    if (next < 0) return undefined;
    const content = body.subarray(headerEnd + 4, next);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h));
    const name = disposition && /form-data/i.test(disposition) ? parameter(disposition, "name") : undefined;
    if (name === undefined) return undefined;
    const filename = parameter(disposition!, "filename");
    if (filename === undefined) fields.append(name, content.toString("utf8"));
    else {
      const type = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, "");
      files.set(name, {
        filename,
        contentType: type ?? "application/octet-stream",
        bytes: Buffer.from(content),
      });
    }
    at = next + 2;
  }
}
