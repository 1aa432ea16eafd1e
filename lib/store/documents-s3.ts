import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { tracer } from "../http/observability.js";
import type { DocumentStore } from "./documents.js";

/**
 * Documents as objects of one S3 bucket. Loaded only by lib/store/documents.ts when DOCUMENTS_BUCKET is
 * set; one client per container, traced in Lambda like the DynamoDB client.
 */
export function s3Documents(bucket: string): DocumentStore {
  const client = new S3Client({});
  const s3 = tracer?.isTracingEnabled() ? tracer.captureAWSv3Client(client) : client;
  return {
    async put(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async get(key) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await object.Body?.transformToByteArray();
      } catch (error) {
        // NoSuchKey needs s3:ListBucket on the bucket; without it S3 answers AccessDenied instead.
        if ((error as { name?: string }).name === "NoSuchKey") return undefined;
        throw error;
      }
    },
  };
}
