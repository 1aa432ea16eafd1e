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

/** Redoc's script: gzip-compressed (about 300 KB instead of 1.1 MB) when the client accepts it. */
export function scriptReply(acceptEncoding: string | undefined): Reply {
  const gzip = acceptsGzip(acceptEncoding);
  return {
    status: 200,
    headers: {
      "cache-control": STATIC_CACHE,
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    },
    binary: {
      bytes: gzip ? redocScriptGzipped() : redocScript(),
      contentType: "text/javascript; charset=utf-8",
    },
  };
}

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
