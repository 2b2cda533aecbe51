"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { notify, sendAccountDeletedNotice } from "@/lib/account/account-mail";
import { DELETE_CONFIRMATION, deleteAccount } from "@/lib/account/delete-account";
import { refuseUnlessReauthenticated } from "@/lib/account/step-up";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { endSession } from "@/lib/auth/sign-in";
import { log } from "@/lib/log";

/**
 * Deletes the signed-in account after re-authentication and a typed confirmation, under the
 * organization rule of lib/account/delete-account.ts; then the browser is signed out.
 */
export const deleteAccountAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({
    password: z.string().max(4096).default(""),
    confirm: z.string().max(200),
  }),
  handler: async ({ password, confirm }, { session }) => {
    if (confirm.trim().toLowerCase() !== DELETE_CONFIRMATION) {
      return fail({ fieldErrors: { confirm: [`Type "${DELETE_CONFIRMATION}" to confirm.`] } });
    }
    const refused = await refuseUnlessReauthenticated(session, password);
    if (refused) return refused;
    const outcome = await deleteAccount(session.userId);
    if (!outcome.ok) {
      const names = outcome.blocking.map((org) => org.name).join(", ");
      return fail({
        formError: `You are the only owner of ${names}, which has other members. Transfer ownership or delete it first.`,
      });
    }
    log("info", "auth.account_deleted", { userId: session.userId });
    // The account is gone; the event keeps the email (without a user) for the security record.
    await recordAuthEvent({ event: "account_deleted", outcome: "success", email: session.email });
    await notify(() => sendAccountDeletedNotice(session.email));
    await endSession();
    redirect("/login?account_deleted=1");
  },
});
