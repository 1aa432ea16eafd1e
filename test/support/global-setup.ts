import type { TestProject } from "vitest/node";

/** Placeholder until the store lands; replaced by the dynalite start-up. */
export default function setup(_project: TestProject) {}
