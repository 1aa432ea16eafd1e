export * from "./engine.js";
export { validateAwardModel } from "./model.js";
export * from "./tables.js";
export * from "./types.js";
