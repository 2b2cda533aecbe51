"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { disableAccount, enableAccount, endSessions } from "@/lib/admin/accounts";
import { refuseUnlessReauthenticated } from "@/lib/account/step-up";

// The platform admin's changes (ADR 015). Each re-authenticates first (checklist Z10: fresh
// auth); the database function behind each checks the admin flag again and audits.
const password = z.string().max(4096).default("");
const userId = z.uuid({ message: "Choose an account." });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Disables an account: no sign-in, every session ended, every key it made revoked (S8). */
export const disableAccountAction = defineAction({
  permission: "platform-admin",
  input: z.strictObject({
    userId,
    reason: z
      .string()
      .trim()
      .min(1, { message: "Say why, for the audit log." })
      .max(500, { message: "Keep the reason under 500 characters." }),
    password,
  }),
  handler: async (input, { session }) => {
    const refused = await refuseUnlessReauthenticated(session, input.password);
    if (refused) return refused;
    const outcome = await disableAccount(session.userId, input.userId, input.reason);
    if (outcome.status === "own_account") {
      return fail({ formError: "You can't disable your own account." });
    }
    if (outcome.status === "not_found")
      return fail({ formError: "That account no longer exists." });
    if (outcome.status === "already_disabled") {
      return fail({ formError: "That account is already disabled." });
    }
    // The page swaps this form for "Enable account": a notice on the page, not in the form.
    redirect(`/admin/accounts/${input.userId}?done=disabled`);
  },
});

export const enableAccountAction = defineAction({
  permission: "platform-admin",
  input: z.strictObject({ userId, password }),
  handler: async (input, { session }) => {
    const refused = await refuseUnlessReauthenticated(session, input.password);
    if (refused) return refused;
    if (!(await enableAccount(session.userId, input.userId))) {
      return fail({ formError: "That account is not disabled." });
    }
    redirect(`/admin/accounts/${input.userId}?done=enabled`);
  },
});

/** Signs one account out everywhere (S9). */
export const endAccountSessionsAction = defineAction({
  permission: "platform-admin",
  input: z.strictObject({ userId, password }),
  handler: async (input, { session }) => {
    const refused = await refuseUnlessReauthenticated(session, input.password);
    if (refused) return refused;
    const ended = await endSessions(session.userId, input.userId, session.tokenHash);
    revalidatePath("/admin", "layout");
    return { message: `Ended ${plural(ended, "session")}.` };
  },
});

/** Signs everyone out, except the admin's own session (S9: "or everyone's"). */
export const endAllSessionsAction = defineAction({
  permission: "platform-admin",
  input: z.strictObject({ password }),
  handler: async (input, { session }) => {
    const refused = await refuseUnlessReauthenticated(session, input.password);
    if (refused) return refused;
    const ended = await endSessions(session.userId, null, session.tokenHash);
    revalidatePath("/admin", "layout");
    return { message: `Ended ${plural(ended, "session")}. Yours stays signed in.` };
  },
});
