/**
 * Seed step markers: SEED / START#<step>   (when the step first started: its operation's clock)
 *                    SEED / STEP#<step>    (the step is done)
 */
import * as z from "zod";
import { entity } from "../store/entity.js";

export const seedStepEntity = entity(
  "seed step marker",
  { pk: "SEED", sk: "<phase>#<step>" },
  { at: z.string() },
);

export const seedStartKey = (step: string) => ({ pk: "SEED", sk: `START#${step}` });

export const seedDoneKey = (step: string) => ({ pk: "SEED", sk: `STEP#${step}` });
