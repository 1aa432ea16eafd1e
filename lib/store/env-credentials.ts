/**
 * The AWS SDK's default credential chain as the Lambda functions bundle it: the environment only.
 * infra/bundling.ts puts this module in place of `@aws-sdk/credential-provider-node` (an esbuild
 * alias) for every SDK client in a function. Lambda gives a function its role's credentials in
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, the chain's first source; its
 * other sources (profiles, SSO, web identity, containers, instance metadata) and the STS and SSO
 * clients they load are ~100 KB and a dozen files a function would load in part and never use.
 * Only the bundles get this: tools and the local runtime run from source with the whole chain.
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";

type Credentials = Awaited<ReturnType<ReturnType<typeof fromEnv>>>;

/** As the default chain: read once, again when forced or within 5 minutes of an expiration. */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => {
  const read = fromEnv(init);
  let credentials: Credentials | undefined;
  return async (options?: { forceRefresh?: boolean }): Promise<Credentials> => {
    const expiring = credentials?.expiration && credentials.expiration.getTime() - Date.now() < 300_000;
    if (!credentials || expiring || options?.forceRefresh) credentials = await read();
    return credentials;
  };
};
