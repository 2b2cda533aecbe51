"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { revokeOtherSessions, revokeSession } from "@/lib/account/account-sessions";
import { refuseUnlessReauthenticated } from "@/lib/account/step-up";
import { recordAuthEvent } from "@/lib/auth/auth-events";

/** Signs out one other session of the account (S9). Sessions are named by their public id. */
export const revokeSessionAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({ id: z.uuid({ message: "Choose a session." }) }),
  handler: async ({ id }, { session }) => {
    if (!(await revokeSession(session, id))) {
      return fail({ formError: "That session has already ended, or it is this one." });
    }
    await recordAuthEvent({ event: "session_revoked", outcome: "success", email: session.email });
    revalidatePath("/account/sessions");
    return { revoked: 1 };
  },
});

/** Signs out every other session, after re-authentication (S9: "revoke all" needs it). */
export const revokeOtherSessionsAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({ password: z.string().max(4096).default("") }),
  handler: async ({ password }, { session }) => {
    const refused = await refuseUnlessReauthenticated(session, password);
    if (refused) return refused;
    const revoked = await revokeOtherSessions(session);
    await recordAuthEvent({
      event: "session_revoked",
      outcome: "success",
      email: session.email,
      method: "all_others",
    });
    revalidatePath("/account/sessions");
    return { revoked };
  },
});
