import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { afterAll, describe, expect, it } from "vitest";
import { stageConfig } from "../../infra/config.js";

// An App without `outdir` makes a temporary cdk.out folder of its own; these share one, removed at the end.
const outdir = mkdtempSync(join(tmpdir(), "impact-config-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const configOf = (context: Record<string, unknown>) => stageConfig(new App({ context, outdir }).node);

describe("stage configuration (-c stage=dev|prod and overrides)", () => {
  it("defaults to dev; prod keeps logs and users and is stricter", () => {
    expect(configOf({})).toMatchObject({ stage: "dev", prefix: "ImpactProcurement-dev", retainLogs: false });
    expect(configOf({ stage: "prod" })).toMatchObject({
      stage: "prod",
      retainLogs: true,
      retainUsers: true,
      logRetentionDays: 365,
      mfaRequired: true,
      threatProtection: true,
      allowPasswordAuth: false,
      terminationProtection: true,
      corsOrigins: [],
      alarmEmail: undefined,
    });
  });

  it("reads CORS origins as a comma-separated string or a list, and the alarm e-mail", () => {
    expect(
      configOf({ stage: "prod", corsOrigins: "https://a.example.nl, https://b.example.nl:8443" }).corsOrigins,
    ).toEqual(["https://a.example.nl", "https://b.example.nl:8443"]);
    expect(configOf({ corsOrigins: ["https://a.example.nl"] }).corsOrigins).toEqual(["https://a.example.nl"]);
    expect(configOf({ alarmEmail: "ops@example.nl" }).alarmEmail).toBe("ops@example.nl");
    expect(configOf({ throttleRate: "25", throttleBurst: 50 }).throttle).toEqual({
      rateLimit: 25,
      burstLimit: 50,
    });
  });

  it("refuses what would deploy something unintended", () => {
    expect(() => configOf({ stage: "production" })).toThrow(/Unknown stage/);
    expect(() => configOf({ alarmEmail: "not-an-address" })).toThrow(/e-mail/);
    expect(() => configOf({ corsOrigins: "*" })).toThrow(/CORS origin/);
    expect(() => configOf({ corsOrigins: "https://a.example.nl/app" })).toThrow(/CORS origin/);
    expect(() => configOf({ throttleRate: "0" })).toThrow(/throttleRate/);
  });

  it("passes the OCDS publication settings to the functions, checked at synth", () => {
    expect(configOf({}).ocdsEnvironment).toEqual({});
    expect(
      configOf({
        ocdsOcidPrefix: "ocds-a1b2c3",
        ocdsPublisherName: "Regio Oost",
        ocdsPublicBaseUrl: "https://api.example.nl",
      }).ocdsEnvironment,
    ).toEqual({
      OCDS_OCID_PREFIX: "ocds-a1b2c3",
      OCDS_PUBLISHER_NAME: "Regio Oost",
      OCDS_PUBLIC_BASE_URL: "https://api.example.nl",
    });
    expect(() => configOf({ ocdsOcidPrefix: "ocds-1" })).toThrow(/OCDS context: OCDS_OCID_PREFIX/);
    expect(() => configOf({ ocdsLicense: "CC-BY" })).toThrow(/OCDS_LICENSE/);
  });
});
