import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { localClientConfig } from "./local-endpoint.js";

/**
 * One DynamoDB client per process (module scope, reused across Lambda invocations).
 * DYNAMODB_ENDPOINT is set only in local/test mode (dynalite); in AWS it is absent.
 */
function createClient(): DynamoDBDocumentClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const raw = new DynamoDBClient(endpoint ? localClientConfig(endpoint) : {});
  return DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export const db = createClient();
