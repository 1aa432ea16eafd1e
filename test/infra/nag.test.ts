import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack, Validations } from "aws-cdk-lib";
import { Topic } from "aws-cdk-lib/aws-sns";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { reportedViolations, synthesized } from "./support.js";

const require = createRequire(import.meta.url);

/**
 * cdk-nag 3 (AWS Solutions pack) runs inside synthesis, as registered by infra/service.ts. Every
 * finding is either fixed or acknowledged next to its resource with a reason; what is left shows up
 * in CDK's validation report, which must be empty for every stage and option combination. CDK's
 * built-in CloudFormation schema validation runs here too, as in `cdk synth`.
 */
const CONTEXTS = [
  ["dev", { stage: "dev" }],
  ["prod", { stage: "prod" }],
  [
    "prod with alarm e-mail and CORS",
    { stage: "prod", alarmEmail: "ops@example.nl", corsOrigins: "https://a.example.nl" },
  ],
] as const;

// Synthesis (with nag and CloudFormation validation) happens here, with room for a busy CI machine.
beforeAll(() => {
  for (const [, context] of CONTEXTS) synthesized(context, { cfnValidation: true });
}, 120_000);

describe("cdk-nag AwsSolutions", () => {
  it.each(CONTEXTS)("reports no unacknowledged finding (%s)", (_name, context) => {
    const { violations, synthError } = synthesized(context, { cfnValidation: true });
    expect(violations).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  it("is registered on the app and would report a finding (the check is not vacuous)", () => {
    const outdir = mkdtempSync(join(tmpdir(), "impact-nag-"));
    try {
      const app = new App({ outdir });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      new Topic(new Stack(app, "Probe"), "Plain");
      expect(() => app.synth()).toThrow();
      expect(reportedViolations(outdir)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^AwsSolutions-SNS3 \(error\) at Probe\/Plain/)]),
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it("every acknowledgement carries a reason of substance", () => {
    const { app } = synthesized({ stage: "dev" }, { cfnValidation: true });
    // aws-cdk-lib records each acknowledgement as { "Annotation::<rule id>": reason } on its construct.
    const acknowledgements = app.node.findAll().flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
            at: c.node.path,
            id,
            reason,
          })),
        ),
    );
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.id, JSON.stringify(ack)).toMatch(/^Annotation::AwsSolutions-[A-Z]+\d+/);
      expect(ack.reason.length, JSON.stringify(ack)).toBeGreaterThan(60);
    }
    // Only rules the installed AWS Solutions pack has (no stale or misspelled acknowledgements).
    const pack = readFileSync(require.resolve("cdk-nag/lib/packs/aws-solutions.js"), "utf8");
    const rules = new Set([...pack.matchAll(/ruleSuffixOverride:\s*['"]([A-Z]+\d+)['"]/g)].map((m) => m[1]));
    expect(rules.size).toBeGreaterThan(50);
    for (const ack of acknowledgements) {
      const rule = /^Annotation::AwsSolutions-([A-Z]+\d+)/.exec(ack.id)?.[1];
      expect(rules, ack.id).toContain(rule);
    }
    // Acknowledged where the resource is, never for a whole stack or the app.
    for (const ack of acknowledgements) expect(ack.at.split("/").length, ack.at).toBeGreaterThan(1);
  });
});
