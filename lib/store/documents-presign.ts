import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

/**
 * A short-lived URL to download one stored document straight from S3 (Lambda responses stop at
 * 6 MB), named as an attachment. Loaded only by the routes that hand out downloads, and only in AWS.
 */
let client: S3Client | undefined;

export async function presignedDownload(
  bucket: string,
  key: string,
  download: { filename: string; contentType: string; expiresInSeconds: number },
): Promise<string> {
  client ??= new S3Client({});
  return getSignedUrl(
    client,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename="${download.filename}"`,
      ResponseContentType: download.contentType,
    }),
    { expiresIn: download.expiresInSeconds },
  );
}
