import { noSignIn, type SignIn } from "./sign-in.js";

/**
 * Cognito's managed login when the stack configures it; the development sign-in only when the
 * development key is set and no identity provider is (never in the deployed stacks); else none.
 */
export async function chooseSignIn(env: NodeJS.ProcessEnv = process.env): Promise<SignIn> {
  if (env.AUTH_ISSUER) {
    const { cognitoConfigOf, cognitoSignIn } = await import("./cognito.js");
    const config = cognitoConfigOf(env);
    return config ? cognitoSignIn(config) : noSignIn;
  }
  if (env.DEV_SIGNING_KEY) return (await import("./dev-sign-in.js")).developmentSignIn(env.DEV_SIGNING_KEY);
  return noSignIn;
}
