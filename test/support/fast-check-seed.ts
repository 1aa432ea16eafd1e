import fc from "fast-check";
import { inject } from "vitest";

/** Every property in the run uses the seed the global setup chose and printed (FC_SEED to replay one). */
fc.configureGlobal({ seed: inject("fcSeed") });
