/**
 * Client settings for a local DynamoDB API (dynalite): any credentials and region will do.
 * A module of its own so the local runtime can use it without creating the shared client.
 */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: process.env.AWS_REGION ?? "local",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
