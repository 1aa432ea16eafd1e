import type { Node } from "constructs";
import { ocdsPublication } from "../lib/ocds/config.js";

/**
 * Deployment stage configuration, chosen with `-c stage=dev|prod` (default dev). Everything here is
 * plain data so tests can assert on it; individual values can be overridden with context keys
 * (`-c alarmEmail=ops@example.nl -c corsOrigins=https://app.example.nl,https://beheer.example.nl`).
 */
export const STAGES = ["dev", "prod"] as const;
export type StageName = (typeof STAGES)[number];

export interface StageConfig {
  stage: StageName;
  /** Prefix of every stack name: `ImpactProcurement-<stage>-Data` … */
  prefix: string;
  /** Log groups (functions, API access logs) are kept on stack delete. The table always is. */
  retainLogs: boolean;
  /** The user pool is kept on delete and protected against deletion. */
  retainUsers: boolean;
  /** CloudWatch Logs retention in days (a value CloudWatch accepts). */
  logRetentionDays: 30 | 90 | 180 | 365 | 731;
  /** Stage-wide API Gateway throttling (steady requests per second and burst). */
  throttle: { rateLimit: number; burstLimit: number };
  /**
   * Route-level throttling of the open-data routes (OCDS, `throttle: "open-data"` in the route list):
   * public, so anyone may harvest them, within a budget of their own below the stage's.
   */
  openDataThrottle: { rateLimit: number; burstLimit: number };
  /** Allowed browser origins; empty disables CORS (no browser front end on another origin). */
  corsOrigins: string[];
  /** Optional address for alarm e-mails; without it the alarms exist but notify nobody. */
  alarmEmail: string | undefined;
  /** Cognito: TOTP MFA required (prod) or optional (dev, so scripted test users can sign in). */
  mfaRequired: boolean;
  /** Cognito Plus feature plan with threat protection enforced (prod). */
  threatProtection: boolean;
  /** USER_PASSWORD_AUTH for the CLI (dev only); prod signs in with SRP through the front end. */
  allowPasswordAuth: boolean;
  /** Stack termination protection. */
  terminationProtection: boolean;
  /**
   * How the OCDS export publishes (lib/ocds/config.ts): the functions' OCDS_* variables. Context keys
   * `ocdsOcidPrefix`, `ocdsPublisherName`, `ocdsPublisherUri`, `ocdsLicense`, `ocdsPublicationPolicy`,
   * `ocdsPublicBaseUrl`; unset ones take the defaults.
   */
  ocdsEnvironment: Record<string, string>;
  /**
   * Origins the web console is also served from (a custom domain or CloudFront in front of the API),
   * context `consoleOrigins`; the API's own execute-api origin is always one. Each becomes a callback
   * and sign-out URL of the console's Cognito app client.
   */
  consoleOrigins: string[];
  /**
   * The prefix of the managed login's domain (`<prefix>.auth.<region>.amazoncognito.com`), context
   * `loginDomainPrefix`; unset: `impact-procurement-<stage>-<account id>`, unique per account.
   */
  loginDomainPrefix: string | undefined;
}

const DEFAULTS: Record<
  StageName,
  Omit<
    StageConfig,
    "stage" | "prefix" | "alarmEmail" | "ocdsEnvironment" | "consoleOrigins" | "loginDomainPrefix"
  >
> = {
  dev: {
    retainLogs: false,
    retainUsers: false,
    logRetentionDays: 30,
    throttle: { rateLimit: 50, burstLimit: 100 },
    openDataThrottle: { rateLimit: 5, burstLimit: 10 },
    corsOrigins: ["http://localhost:5173"],
    mfaRequired: false,
    threatProtection: false,
    allowPasswordAuth: true,
    terminationProtection: false,
  },
  prod: {
    retainLogs: true,
    retainUsers: true,
    logRetentionDays: 365,
    throttle: { rateLimit: 200, burstLimit: 400 },
    openDataThrottle: { rateLimit: 20, burstLimit: 40 },
    corsOrigins: [],
    mfaRequired: true,
    threatProtection: true,
    allowPasswordAuth: false,
    terminationProtection: true,
  },
};

const list = (value: unknown): string[] | undefined => {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  return String(value)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
};

const positiveInt = (value: unknown, key: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`Context '${key}' must be a positive integer, got '${value}'.`);
  return n;
};

const OCDS_CONTEXT = {
  ocdsOcidPrefix: "OCDS_OCID_PREFIX",
  ocdsPublisherName: "OCDS_PUBLISHER_NAME",
  ocdsPublisherUri: "OCDS_PUBLISHER_URI",
  ocdsLicense: "OCDS_LICENSE",
  ocdsPublicationPolicy: "OCDS_PUBLICATION_POLICY",
  ocdsPublicBaseUrl: "OCDS_PUBLIC_BASE_URL",
} as const;

/** The OCDS_* variables the context sets, checked as the functions will read them (a bad value fails synth). */
function ocdsEnvironment(node: Node): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, variable] of Object.entries(OCDS_CONTEXT)) {
    const value = node.tryGetContext(key);
    if (value !== undefined) environment[variable] = String(value);
  }
  try {
    ocdsPublication(environment);
  } catch (error) {
    throw new Error(`OCDS context: ${(error as Error).message}`);
  }
  return environment;
}

/** Reads the stage configuration from CDK context (cdk.json, `-c key=value`, or a test app's context). */
export function stageConfig(node: Node): StageConfig {
  const stage = String(node.tryGetContext("stage") ?? "dev");
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage '${stage}': use -c stage=${STAGES.join("|")}.`);
  }
  const name = stage as StageName;
  const base = DEFAULTS[name];
  const alarmEmail = node.tryGetContext("alarmEmail");
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(alarmEmail))) {
    throw new Error(`Context 'alarmEmail' is not an e-mail address: '${alarmEmail}'.`);
  }
  const corsOrigins = list(node.tryGetContext("corsOrigins")) ?? base.corsOrigins;
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s*]+$/.test(origin)) {
      throw new Error(`CORS origin '${origin}' must be scheme://host[:port] without a path or wildcard.`);
    }
  }
  const consoleOrigins = list(node.tryGetContext("consoleOrigins")) ?? [];
  for (const origin of consoleOrigins) {
    if (!/^https:\/\/[^/\s*]+$/.test(origin))
      throw new Error(`Console origin '${origin}' must be https://host[:port] without a path or wildcard.`);
  }
  const loginDomainPrefix = node.tryGetContext("loginDomainPrefix");
  // Cognito's rule for domain prefixes; it also refuses the words aws, amazon and cognito in them.
  if (
    loginDomainPrefix !== undefined &&
    (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(String(loginDomainPrefix)) ||
      /aws|amazon|cognito/.test(String(loginDomainPrefix)))
  )
    throw new Error(
      `Context 'loginDomainPrefix' must be 1-63 lower-case letters, digits and hyphens without aws, amazon or cognito: '${loginDomainPrefix}'.`,
    );
  const throttle = {
    rateLimit: positiveInt(node.tryGetContext("throttleRate"), "throttleRate") ?? base.throttle.rateLimit,
    burstLimit: positiveInt(node.tryGetContext("throttleBurst"), "throttleBurst") ?? base.throttle.burstLimit,
  };
  const openDataThrottle = {
    rateLimit:
      positiveInt(node.tryGetContext("openDataThrottleRate"), "openDataThrottleRate") ??
      Math.min(base.openDataThrottle.rateLimit, throttle.rateLimit),
    burstLimit:
      positiveInt(node.tryGetContext("openDataThrottleBurst"), "openDataThrottleBurst") ??
      Math.min(base.openDataThrottle.burstLimit, throttle.burstLimit),
  };
  // A route's own limit above the stage's would promise anonymous harvesters more than the API has.
  if (openDataThrottle.rateLimit > throttle.rateLimit || openDataThrottle.burstLimit > throttle.burstLimit)
    throw new Error(
      `The open-data throttle (${openDataThrottle.rateLimit}/s, burst ${openDataThrottle.burstLimit}) must stay within the stage's (${throttle.rateLimit}/s, burst ${throttle.burstLimit}).`,
    );
  return {
    ...base,
    stage: name,
    prefix: `ImpactProcurement-${name}`,
    corsOrigins,
    alarmEmail: alarmEmail === undefined ? undefined : String(alarmEmail),
    ocdsEnvironment: ocdsEnvironment(node),
    consoleOrigins,
    loginDomainPrefix: loginDomainPrefix === undefined ? undefined : String(loginDomainPrefix),
    throttle,
    openDataThrottle,
  };
}
