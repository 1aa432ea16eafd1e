import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tracer } from "../http/observability.js";
import { localClientConfig } from "./local-endpoint.js";

/**
 * One DynamoDB client per process (module scope, reused across Lambda invocations).
 * DYNAMODB_ENDPOINT is set only in local/test mode (dynalite); in AWS it is absent.
 * In Lambda every call becomes an X-Ray subsegment; elsewhere the tracer is off and the client is untouched.
 */
function createClient(): DynamoDBDocumentClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient(endpoint ? localClientConfig(endpoint) : {});
  const raw = tracer?.isTracingEnabled() ? tracer.captureAWSv3Client(client) : client;
  return DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export const db = createClient();
