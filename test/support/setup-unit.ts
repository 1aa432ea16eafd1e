import { useTestEnv } from "./test-env.js";

/**
 * Unit tests run without dynalite. The endpoint points at a closed local port (discard, 9), so a unit
 * test that reaches the store by mistake fails at once instead of calling AWS.
 */
useTestEnv("http://127.0.0.1:9");
