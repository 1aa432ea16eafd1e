/**
 * The floor of the bundle bench (bench/bundles.ts): what every function loads whatever its routes —
 * the DynamoDB client with lib-dynamodb and the Powertools logger (and its middy middleware), metrics
 * and tracer — created at import as lib/http/observability.ts and lib/store/client.ts create them.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

const logger = new Logger({ serviceName: "bundle-floor" });
const metrics = new Metrics({ serviceName: "bundle-floor", namespace: "BundleFloor" });
const tracer = new Tracer({ serviceName: "bundle-floor" });
const client = new DynamoDBClient({});
const db = DynamoDBDocumentClient.from(
  tracer.isTracingEnabled() ? tracer.captureAWSv3Client(client) : client,
  {
    marshallOptions: { removeUndefinedValues: true },
  },
);
const middleware = injectLambdaContext(logger);
const commands = [GetCommand, PutCommand, UpdateCommand, DeleteCommand, QueryCommand];

/** Keeps everything above in the bundle; the bench only imports it. */
export const handler = async () => ({ db, metrics, middleware, commands: commands.length });
