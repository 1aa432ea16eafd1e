import { Conflict, RuleViolation } from "../domain/errors.js";

/** A person to invite: their e-mail address (the sign-in name), with the role and organisation they act for. */
export interface Invitee {
  email: string;
  role: string;
  org: string;
}

/** Where the service's users live: Cognito's user pool in AWS. Tests use a fake. */
export interface UserDirectory {
  /**
   * Creates the user and sends the invitation. Repeatable: an account with the same address, role and
   * organisation (a retried invitation whose first attempt got that far) is returned as it is; an
   * account of the address for anything else is a Conflict.
   */
  invite(invitee: Invitee): Promise<{ sub: string }>;
}

/**
 * The user pool (USER_POOL_ID): AdminCreateUser with `custom:role` and `custom:org`, which no app
 * client may write; Cognito e-mails a temporary password. The SDK client loads with the first invitation.
 */
export function cognitoDirectory(userPoolId: string): UserDirectory {
  return {
    async invite({ email, role, org }) {
      const { AdminCreateUserCommand, CognitoIdentityProviderClient, UsernameExistsException } = await import(
        "@aws-sdk/client-cognito-identity-provider"
      );
      const client = new CognitoIdentityProviderClient({});
      try {
        const { User } = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [
              { Name: "email", Value: email },
              { Name: "email_verified", Value: "true" },
              { Name: "custom:role", Value: role },
              { Name: "custom:org", Value: org },
            ],
            DesiredDeliveryMediums: ["EMAIL"],
          }),
        );
        const sub = User?.Attributes?.find((a) => a.Name === "sub")?.Value;
        if (!sub) throw new Error("Cognito created the user without a sub");
        return { sub };
      } catch (error) {
        if (!(error instanceof UsernameExistsException)) throw error;
        const { AdminGetUserCommand } = await import("@aws-sdk/client-cognito-identity-provider");
        const existing = await client.send(
          new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }),
        );
        const attribute = (name: string) => existing.UserAttributes?.find((a) => a.Name === name)?.Value;
        const sub = attribute("sub");
        if (sub && attribute("custom:role") === role && attribute("custom:org") === org) return { sub };
        throw new Conflict("This e-mail address already has an account.", "user-exists");
      }
    },
  };
}

/** Without a user pool (the local runtime) there is nobody to invite: the demo users are the users. */
export const noDirectory: UserDirectory = {
  invite: async () => {
    throw new RuleViolation(
      "no-user-directory",
      "Users are invited into the Cognito user pool of a deployed stage. This runtime has none: sign in as one of the demo users the development sign-in lists.",
    );
  },
};

let override: UserDirectory | undefined;

/** The directory of this runtime: the user pool when USER_POOL_ID is set, else none. */
export const userDirectory = (): UserDirectory =>
  override ?? (process.env.USER_POOL_ID ? cognitoDirectory(process.env.USER_POOL_ID) : noDirectory);

/** Tests: a fake directory instead of the runtime's (undefined restores it). */
export function useUserDirectory(directory: UserDirectory | undefined): void {
  override = directory;
}
