import type { Reply } from "../http/endpoint.js";
import { API_REFERENCE_CSP, API_REFERENCE_PAGE } from "./page.js";
import { redocNotices, redocScript, redocScriptGzipped } from "./redoc.js";

/** The script and its notices change only with a deployment: browsers may keep them a day. */
const STATIC_CACHE = "public, max-age=86400";

export const pageReply = (): Reply => ({
  status: 200,
  headers: { "content-security-policy": API_REFERENCE_CSP },
  binary: { bytes: Buffer.from(API_REFERENCE_PAGE, "utf8"), contentType: "text/html; charset=utf-8" },
});

/** A file that does not change while the function runs, as is and gzip-compressed. */
export interface StaticFile {
  bytes: () => Buffer;
  gzipped: () => Buffer;
  contentType: string;
  cacheControl: string;
}

/** A static file, gzip-compressed when the client accepts it (a quarter of the bytes or less). */
export function staticFileReply(file: StaticFile, acceptEncoding: string | undefined): Reply {
  const gzip = acceptsGzip(acceptEncoding);
  return {
    status: 200,
    headers: {
      "cache-control": file.cacheControl,
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    },
    binary: { bytes: gzip ? file.gzipped() : file.bytes(), contentType: file.contentType },
  };
}

/** Redoc's script: about 300 KB instead of 1.1 MB when the client accepts gzip. */
export const scriptReply = (acceptEncoding: string | undefined): Reply =>
  staticFileReply(
    {
      bytes: redocScript,
      gzipped: redocScriptGzipped,
      contentType: "text/javascript; charset=utf-8",
      cacheControl: STATIC_CACHE,
    },
    acceptEncoding,
  );

export const noticesReply = (): Reply => ({
  status: 200,
  headers: { "cache-control": STATIC_CACHE },
  binary: { bytes: Buffer.from(redocNotices(), "utf8"), contentType: "text/plain; charset=utf-8" },
});

/**
 * Whether an Accept-Encoding header (RFC 9110 §12.5.3) allows gzip: named with a q above 0, or not
 * named and `*` allowed.
 */
export function acceptsGzip(header: string | undefined): boolean {
  const weights = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [coding, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (!coding) continue;
    const q = params.find((p) => p.startsWith("q="));
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = weights.get("gzip") ?? weights.get("x-gzip") ?? weights.get("*") ?? 0;
  return weight > 0;
}
