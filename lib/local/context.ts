import type { Context } from "aws-lambda";

/** A Lambda context for local invocations (middy reads getRemainingTimeInMillis). */
export const lambdaContext = (requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: "local",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:local:000000000000:function:local",
  memoryLimitInMB: "1024",
  awsRequestId: requestId,
  logGroupName: "local",
  logStreamName: "local",
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
