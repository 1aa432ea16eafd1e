/**
 * The API reference page: Redoc renders the OpenAPI document in the browser. Both the document and
 * Redoc's script come from the service itself (no CDN), at URLs relative to the page, so the page
 * works under any host or base path.
 */

/** The page's URL segment for the script, relative to /v1/docs (the routes serve it at /v1/docs/…). */
export const SCRIPT_URL = "docs/redoc.standalone.js";
export const DOCUMENT_URL = "openapi.json";

/**
 * Lets the page run and nothing else (the API's own policy is `default-src 'none'`): scripts only from
 * the service (no inline script), the document fetched from the service, inline styles (Redoc's
 * styled-components injects its CSS at run time and throws without them), icons that Redoc inlines as
 * data: images, and the search index's worker, which Redoc starts from a blob: URL. Anything else —
 * Redocly's logo on their CDN included (the image hides itself when blocked) — is refused.
 */
export const API_REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "connect-src 'self'",
  "worker-src blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const API_REFERENCE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Impact Procurement API reference</title>
<!-- Rendered by Redoc (https://github.com/Redocly/redoc), © Rebilly, Inc., MIT licence: see ${SCRIPT_URL}.LICENSE.txt -->
</head>
<body>
<redoc spec-url="${DOCUMENT_URL}"></redoc>
<noscript>This page needs JavaScript. The API's description itself is at <a href="${DOCUMENT_URL}">${DOCUMENT_URL}</a>.</noscript>
<script src="${SCRIPT_URL}"></script>
</body>
</html>
`;
