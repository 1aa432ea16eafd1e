import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importsOf, layerViolations, sourceFiles } from "../../support/layers.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("dependency direction: domain ← schemas ← entities ← use cases ← handlers; infra on plain data", () => {
  it("no file under lib/, functions/ or infra/ imports the wrong way", () => {
    const files = sourceFiles(root, ["lib", "functions", "infra"]);
    expect(files.size).toBeGreaterThan(100);
    expect(layerViolations(files)).toEqual([]);
  });

  it("reads static, re-exported, side-effect and dynamic imports", () => {
    const source = [
      'import { a } from "./a.js";',
      'import type { B } from "../b.js";',
      'export { c } from "./c.js";',
      'import "./quiet.js";',
      'const d = await import("./d.js");',
      "import {\n  e,\n  f,\n} from 'zod';",
    ].join("\n");
    expect(importsOf(source)).toEqual(["./a.js", "../b.js", "./c.js", "./quiet.js", "./d.js", "zod"]);
  });

  it("fails on each planted wrong-way import", () => {
    const planted = new Map([
      ["lib/domain/scoring/engine.ts", 'import { sha256 } from "../../operation.js";'],
      ["lib/domain/money.ts", 'import { z } from "zod";'],
      ["lib/schemas/orgs.ts", 'import { ORG_KINDS } from "../orgs/organisations.js";'],
      ["lib/entities/catalogue.ts", 'import { requireRegion } from "../orgs/organisations.js";'],
      ["lib/entities/policy.ts", 'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";'],
      ["lib/local/handlers.ts", 'const m = await import("../../functions/orgs/handler.js");'],
      ["lib/store/ops.ts", 'import type { App } from "../../infra/app.js";'],
      ["functions/orgs/handler.ts", 'import { TABLE } from "../../infra/stacks/data-stack.js";'],
      ["infra/stacks/api-stack.ts", 'import { createOrganisation } from "../../lib/orgs/organisations.js";'],
      ["infra/app.ts", 'import { handler } from "../functions/orgs/handler.js";'],
      ["lib/console/officer/pages.tsx", 'import { createTender } from "../../tenders/tender-lifecycle.js";'],
    ]);
    const found = layerViolations(planted);
    expect(found).toHaveLength(planted.size);
    for (const file of planted.keys())
      expect(found.some((line) => line.startsWith(`${file} imports`))).toBe(true);
  });

  it("accepts imports that point the right way", () => {
    const fine = new Map([
      [
        "lib/domain/scoring/engine.ts",
        'import { sha256 } from "../digest.js";\nimport { createHash } from "node:crypto";',
      ],
      ["lib/schemas/orgs.ts", 'import { z } from "zod";\nimport { ORG_KINDS } from "../domain/orgs.js";'],
      [
        "lib/entities/organisation.ts",
        [
          'import { z } from "zod";',
          'import { ORG_KINDS } from "../domain/orgs.js";',
          'import { slugSchema } from "../schemas/common.js";',
          'import { entity } from "../store/entity.js";',
        ].join("\n"),
      ],
      [
        "lib/orgs/organisations.ts",
        'import { orgSchema } from "../schemas/orgs.js";\nimport { getItem } from "../store/ops.js";',
      ],
      ["functions/orgs/handler.ts", 'import { createOrganisation } from "../../lib/orgs/organisations.js";'],
      [
        "infra/stacks/api-stack.ts",
        'import { routes } from "../../lib/http/routes.js";\nimport { App } from "aws-cdk-lib";',
      ],
    ]);
    expect(layerViolations(fine)).toEqual([]);
  });
});
