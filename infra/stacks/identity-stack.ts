import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from "aws-cdk-lib/aws-cognito";
import type { Construct } from "constructs";
import type { StageConfig } from "../config.js";

/**
 * The Cognito custom attributes that carry our claims. ID tokens carry them as `custom:role` and
 * `custom:org`; lib/http/auth.ts (claimsOf) maps them to `role` and `org` in one place.
 */
export const CLAIM_ATTRIBUTES = { role: "role", org: "org" } as const;

/**
 * What every app client may read and write of a user. The API reads role and org from the ID token, so
 * a client must be able to read them, but never write them: only the admin API sets them (and they
 * are immutable anyway).
 */
export const clientAttributes = () => ({
  readAttributes: new ClientAttributes()
    .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
    .withCustomAttributes(CLAIM_ATTRIBUTES.role, CLAIM_ATTRIBUTES.org),
  writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
});

export interface IdentityStackProps extends StackProps {
  config: StageConfig;
}

/**
 * Who may call the API: a user pool without self sign-up (an operator admin invites every user with
 * a role and an organisation, see README "Deploying to AWS") and one public app client.
 */
export class IdentityStack extends Stack {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The token issuer, as lib/http/auth.ts expects it in AUTH_ISSUER. */
  readonly issuer: string;
  /** Cognito's managed login, where the web console sends visitors to sign in. */
  readonly loginDomain: UserPoolDomain;
  /** Its base URL (`https://<prefix>.auth.<region>.amazoncognito.com`), COGNITO_DOMAIN of the console. */
  readonly loginUrl: string;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.userPool = new UserPool(this, "Users", {
      userPoolName: `${config.prefix}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Immutable: set once when the admin invites the user, never changed by anyone afterwards. A
      // role follows from the organisation's kind (officer ↔ municipality, supplier ↔ supplier,
      // auditor ↔ region body, admin ↔ operator), so a person who moves to another organisation gets
      // a new account and the audit trail of the old one stays attributed to the old organisation.
      customAttributes: {
        [CLAIM_ATTRIBUTES.role]: new StringAttribute({ minLen: 1, maxLen: 16, mutable: false }),
        [CLAIM_ATTRIBUTES.org]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: config.mfaRequired ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: config.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(config.threatProtection
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      userInvitation: {
        emailSubject: "Your Impact Procurement account",
        emailBody:
          "You have been invited to Impact Procurement. Sign in with {username} and the temporary password {####}; you will choose your own password at the first sign-in.",
      },
      deletionProtection: config.retainUsers,
      removalPolicy: config.retainUsers ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    if (!config.mfaRequired) {
      Validations.of(this.userPool).acknowledge({
        id: "AwsSolutions-COG2",
        reason:
          "Dev stage only: MFA is optional so scripted test users can sign in from the CLI. The prod stage requires TOTP MFA (StageConfig.mfaRequired).",
      });
    }
    if (!config.threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: "AwsSolutions-COG8",
        reason:
          "Dev stage only: the Essentials plan (no threat protection) keeps a test pool free. The prod stage uses the Plus plan with threat protection enforced.",
      });
    }

    this.client = this.userPool.addClient("WebClient", {
      userPoolClientName: `${config.prefix}-web`,
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: config.allowPasswordAuth },
      ...clientAttributes(),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(config.stage === "prod" ? 1 : 7),
      disableOAuth: true,
    });

    this.issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;

    // The managed login (authorization code with PKCE) of the web console; its app client, whose
    // callback URL is the API's own address, lives in the API stack (lib/console/cognito.tsx).
    this.loginDomain = this.userPool.addDomain("Login", {
      cognitoDomain: {
        domainPrefix: config.loginDomainPrefix ?? `impact-procurement-${config.stage}-${Aws.ACCOUNT_ID}`,
      },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.loginUrl = this.loginDomain.baseUrl();

    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.client.userPoolClientId });
    new CfnOutput(this, "Issuer", { value: this.issuer });
    new CfnOutput(this, "LoginUrl", { value: this.loginUrl, description: "Cognito's managed login" });
  }
}
