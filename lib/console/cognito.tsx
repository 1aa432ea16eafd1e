import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { JWTPayload } from "jose";
import { claimsOf } from "../http/auth.js";
import { logger } from "../http/observability.js";
import { cognitoMessages } from "./cognito-messages.js";
import { Alert, ButtonLink, Heading, Paragraph } from "./components.js";
import { inLang } from "./i18n.js";
import type { ConsolePage, HtmlResult, PageContext } from "./page.js";
import { safeReturnPath } from "./paths.js";
import {
  cookie,
  createSession,
  parseCookies,
  renewSessionToken,
  SESSION_COOKIE,
  SESSION_SECONDS,
} from "./session.js";
import type { SignIn } from "./sign-in.js";

/** Where Cognito sends the browser back: registered as the app client's callback and sign-out URLs. */
export const CALLBACK_PATH = "/console/auth/callback";
export const SIGNED_OUT_PATH = "/console/signed-out";

/**
 * The sign-in under way: state, PKCE verifier, nonce and the page to return to, for ten minutes.
 * `__Host-`, HttpOnly, SameSite=Lax: sent back on Cognito's redirect (a top-level GET) and only to
 * us, so a callback that this browser did not start (login CSRF) finds no matching state.
 */
export const PENDING_COOKIE = "__Host-ip-signin";
const PENDING_SECONDS = 600;

export interface CognitoConfig {
  /** The user pool's issuer URL (AUTH_ISSUER); its keys are at `<issuer>/.well-known/jwks.json`. */
  issuer: string;
  /** The console's app client (CONSOLE_CLIENT_ID): a public client, authorization code with PKCE. */
  clientId: string;
  /** The managed login's base URL (COGNITO_DOMAIN): `/oauth2/authorize`, `/oauth2/token`, `/logout`. */
  domain: string;
  /** The console's origin as registered in the client's URLs (CONSOLE_ORIGIN); else the request's host. */
  origin?: string | undefined;
}

/** The configuration the deployed stack gives the console function; undefined when incomplete. */
export function cognitoConfigOf(env: NodeJS.ProcessEnv): CognitoConfig | undefined {
  const { AUTH_ISSUER: issuer, CONSOLE_CLIENT_ID: clientId, COGNITO_DOMAIN: domain } = env;
  if (!issuer || !clientId || !domain) return undefined;
  return {
    issuer,
    clientId,
    domain: domain.replace(/\/$/, ""),
    origin: env.CONSOLE_ORIGIN?.replace(/\/$/, ""),
  };
}

interface Pending {
  state: string;
  verifier: string;
  nonce: string;
  returnTo: string;
}

const random = () => randomBytes(32).toString("base64url");
const challengeOf = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

function readPending(value: string | undefined): Pending | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Pending>;
    const { state, verifier, nonce, returnTo } = parsed;
    if ([state, verifier, nonce, returnTo].every((v) => typeof v === "string")) return parsed as Pending;
  } catch {
    // not ours, or damaged: the same as none
  }
  return undefined;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Tokens of Cognito's token endpoint (RFC 6749 §5.1); a refresh answers no new refresh token. */
interface TokenAnswer {
  id_token?: string;
  refresh_token?: string;
}

class SignInFailure extends Error {
  constructor(
    message: string,
    readonly kind: "unavailable" | "no-role",
  ) {
    super(message);
  }
}

/**
 * Cognito's managed login for the console: authorization code with PKCE (S256), the ID token verified
 * here (the API verifies it again on every call) and kept server-side in the session with the refresh
 * token, renewed when it expires, ended at Cognito's logout endpoint.
 */
export function cognitoSignIn(config: CognitoConfig): SignIn {
  const jwksUrl = new URL(`${config.issuer.replace(/\/$/, "")}/.well-known/jwks.json`);
  let keys: ReturnType<typeof import("jose").createRemoteJWKSet> | undefined;
  const originOf = (ctx: Pick<PageContext, "headers">) =>
    config.origin ?? `https://${ctx.headers.host ?? ""}`;
  const m = (ctx: PageContext) => inLang(cognitoMessages, ctx.lang);

  async function verifyIdToken(token: string, now: Date): Promise<JWTPayload> {
    const { createRemoteJWKSet, jwtVerify } = await import("jose");
    keys ??= createRemoteJWKSet(jwksUrl);
    const { payload } = await jwtVerify(token, keys, {
      issuer: config.issuer,
      audience: config.clientId,
      algorithms: ["RS256"],
      currentDate: now,
    });
    if (payload.token_use !== "id") throw new Error("not an ID token");
    return payload;
  }

  async function tokenRequest(fields: Record<string, string>): Promise<TokenAnswer> {
    const response = await fetch(`${config.domain}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ client_id: config.clientId, ...fields }).toString(),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
    return (await response.json()) as TokenAnswer;
  }

  const failed = (ctx: PageContext, status: number, text: string): HtmlResult => ({
    status,
    title: m(ctx).failedTitle,
    cookies: [cookie(PENDING_COOKIE, "", 0)],
    body: (
      <>
        <Heading level={1}>{m(ctx).failedTitle}</Heading>
        <Alert kind="error">
          <Paragraph>{text}</Paragraph>
        </Alert>
        <SignInAgain ctx={ctx} />
      </>
    ),
  });

  const pages: ConsolePage[] = [
    {
      method: "GET",
      path: "/console/sign-in",
      access: "anyone",
      async handle(ctx) {
        const returnTo = safeReturnPath(ctx.query.get("returnTo"));
        if (ctx.session) return { redirect: returnTo };
        const pending: Pending = { state: random(), verifier: random(), nonce: random(), returnTo };
        const authorize = new URL(`${config.domain}/oauth2/authorize`);
        authorize.search = new URLSearchParams({
          response_type: "code",
          client_id: config.clientId,
          redirect_uri: `${originOf(ctx)}${CALLBACK_PATH}`,
          scope: "openid email profile",
          state: pending.state,
          nonce: pending.nonce,
          code_challenge: challengeOf(pending.verifier),
          code_challenge_method: "S256",
        }).toString();
        const value = Buffer.from(JSON.stringify(pending)).toString("base64url");
        return { redirect: authorize.href, cookies: [cookie(PENDING_COOKIE, value, PENDING_SECONDS)] };
      },
    },
    {
      method: "GET",
      path: CALLBACK_PATH,
      access: "anyone",
      async handle(ctx) {
        const pending = readPending((ctx.cookies ?? parseCookies(ctx.headers.cookie)).get(PENDING_COOKIE));
        const state = ctx.query.get("state");
        if (!pending || !state || !sameText(state, pending.state))
          return failed(ctx, 400, m(ctx).expiredText);
        if (ctx.query.get("error")) return failed(ctx, 400, m(ctx).refusedText);
        const code = ctx.query.get("code");
        if (!code) return failed(ctx, 400, m(ctx).expiredText);
        try {
          const answer = await tokenRequest({
            grant_type: "authorization_code",
            code,
            redirect_uri: `${originOf(ctx)}${CALLBACK_PATH}`,
            code_verifier: pending.verifier,
          });
          if (!answer.id_token) throw new SignInFailure("no ID token", "unavailable");
          const payload = await verifyIdToken(answer.id_token, ctx.now);
          if (typeof payload.nonce !== "string" || !sameText(payload.nonce, pending.nonce))
            throw new SignInFailure("nonce differs", "unavailable");
          const identity = claimsOf(payload);
          if (!identity) throw new SignInFailure("no role or organisation", "no-role");
          const session = await createSession(
            identity,
            { token: answer.id_token, tokenExpiresAt: payload.exp!, refreshToken: answer.refresh_token },
            ctx.now,
          );
          return {
            redirect: pending.returnTo,
            cookies: [cookie(SESSION_COOKIE, session.id, SESSION_SECONDS), cookie(PENDING_COOKIE, "", 0)],
          };
        } catch (error) {
          logger.warn("console sign-in failed", { error: error as Error, correlationId: ctx.correlationId });
          if (error instanceof SignInFailure && error.kind === "no-role")
            return failed(ctx, 403, m(ctx).noRoleText);
          return failed(ctx, 502, m(ctx).unavailableText(ctx.correlationId));
        }
      },
    },
    {
      method: "GET",
      path: SIGNED_OUT_PATH,
      access: "anyone",
      async handle(ctx) {
        return {
          title: m(ctx).signedOutTitle,
          body: (
            <>
              <Heading level={1}>{m(ctx).signedOutTitle}</Heading>
              <Paragraph>{m(ctx).signedOutText}</Paragraph>
              <SignInAgain ctx={ctx} />
            </>
          ),
        };
      },
    },
  ];

  return {
    kind: "cognito",
    pages,
    async refresh(session, now) {
      if (!session.refreshToken) return undefined;
      try {
        const answer = await tokenRequest({
          grant_type: "refresh_token",
          refresh_token: session.refreshToken,
        });
        if (!answer.id_token) return undefined;
        const payload = await verifyIdToken(answer.id_token, now);
        if (payload.sub !== session.sub) return undefined;
        const renewed = { token: answer.id_token, tokenExpiresAt: payload.exp! };
        // Kept, so the next request does not renew it again.
        await renewSessionToken(session, renewed);
        return renewed;
      } catch (error) {
        // Revoked, expired or unreachable: the visitor signs in again.
        logger.warn("console token refresh failed", { error: error as Error });
        return undefined;
      }
    },
    signOutLocation(origin) {
      const logout = new URL(`${config.domain}/logout`);
      logout.search = new URLSearchParams({
        client_id: config.clientId,
        logout_uri: `${config.origin ?? origin}${SIGNED_OUT_PATH}`,
      }).toString();
      return logout.href;
    },
    // The sign-out form's redirect goes to Cognito's logout endpoint.
    formActionOrigins: [new URL(config.domain).origin],
  };
}

/** The way back after a failed or ended sign-in. */
function SignInAgain({ ctx }: { ctx: PageContext }) {
  return (
    <Paragraph>
      <ButtonLink href="/console/sign-in" primary>
        {inLang(cognitoMessages, ctx.lang).signInAgain}
      </ButtonLink>
    </Paragraph>
  );
}
