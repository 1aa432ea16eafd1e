/**
 * Seed step markers: SEED / START#<step> (the step's first start, whose time is its clock) and
 * SEED / STEP#<step> (the step completed).
 */
import { z } from "zod";
import { entity } from "../store/entity.js";

export const seedMarkerEntity = entity("seed marker", { at: z.string() });

export const seedStartKey = (step: string) => ({ pk: "SEED", sk: `START#${step}` });

export const seedStepKey = (step: string) => ({ pk: "SEED", sk: `STEP#${step}` });
