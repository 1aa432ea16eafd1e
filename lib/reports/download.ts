/**
 * Handing out an issued report's file: in AWS a 303 to a short-lived presigned S3 URL (a Lambda
 * response stops at 6 MB); locally the stored bytes themselves. Either way the bytes stored at issue,
 * so every download is identical.
 */
import type { Reply } from "../http/endpoint.js";
import { renderingBytes, type StoredRendering } from "./read.js";

/** Long enough to start a download, short enough that a forwarded link soon stops working. */
const PRESIGNED_SECONDS = 300;

export async function downloadReply(rendering: StoredRendering): Promise<Reply> {
  const disposition = `attachment; filename="${rendering.filename}"`;
  const bucket = process.env.DOCUMENTS_BUCKET;
  if (bucket) {
    const { presignedDownload } = await import("../store/documents-presign.js");
    const url = await presignedDownload(bucket, rendering.key, {
      filename: rendering.filename,
      contentType: rendering.contentType,
      expiresInSeconds: PRESIGNED_SECONDS,
    });
    return { status: 303, headers: { location: url, "cache-control": "no-store" } };
  }
  return {
    status: 200,
    headers: { "content-disposition": disposition, "x-content-sha256": rendering.sha256 },
    binary: { bytes: await renderingBytes(rendering), contentType: rendering.contentType },
  };
}
