export * from "./engine.js";
export * from "./limits.js";
export { validateAwardModel } from "./model.js";
export * from "./tables.js";
export * from "./types.js";
