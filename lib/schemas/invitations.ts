import * as z from "zod";
import { ROLES } from "../domain/orgs.js";

/** An invitation: the e-mail address is the user's sign-in name; the role follows from the organisation. */
export const inviteUserSchema = z.object({ email: z.email().max(254) }).strict();

export const invitationResponse = z
  .object({
    sub: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    organisationId: z.string(),
  })
  .strict();
