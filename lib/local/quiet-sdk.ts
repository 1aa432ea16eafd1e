/**
 * Imported first by the local entry points (npm start, npm run token) and the test set-up: the AWS
 * SDK v3 warns once per process, on its first client, that its releases after early January 2027
 * need Node 22. Locally that is noise on every start (Lambda runs Node 22). This is the switch the SDK's
 * end-of-support announcement documents for exactly that warning (read when a client is created);
 * every other warning still shows.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
