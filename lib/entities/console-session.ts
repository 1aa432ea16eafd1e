/**
 * Console session: CONSOLE_SESSION#<sha256 of the cookie's id> / SESSION
 * The browser holds only a random id (HttpOnly cookie); the tokens stay here. Deleted on sign-out;
 * `expiresAt` is checked on every read (the table's TTL removes old ones in AWS, dynalite has none).
 */
import * as z from "zod";
import { entity } from "../store/entity.js";

export const consoleSessionEntity = entity(
  "console session",
  { pk: "CONSOLE_SESSION#<idHash>", sk: "SESSION" },
  {
    sub: z.string(),
    role: z.string(),
    org: z.string(),
    /** The bearer token the console's calls to the API carry (a Cognito ID token, or a development token). */
    token: z.string(),
    tokenExpiresAt: z.number(),
    /** Cognito's refresh token, absent for development sign-ins. */
    refreshToken: z.string().optional(),
    /** Every form of the session carries it (synchroniser token). */
    csrf: z.string(),
    createdAt: z.string(),
    /** Epoch seconds: the session ends then whatever happens. */
    expiresAt: z.number(),
    ttl: z.number(),
  },
);

export const consoleSessionKey = (idHash: string) => ({ pk: `CONSOLE_SESSION#${idHash}`, sk: "SESSION" });
