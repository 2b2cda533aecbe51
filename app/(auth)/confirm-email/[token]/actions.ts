"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { confirmEmailChange } from "@/lib/account/email-change";
import { LINK_PROBLEMS } from "@/lib/account/link-problems";

/** Spends an email-change link: only now does the account's address change. */
export const confirmEmailChangeAction = defineAction({
  permission: "public",
  input: z.strictObject({ token: z.string().max(256) }),
  handler: async ({ token }, { session }) => {
    const outcome = await confirmEmailChange(token, session);
    if (!outcome.ok) {
      if (outcome.reason === "taken") {
        return fail({
          formError:
            "This address now belongs to another account, so your email was not changed. Choose another address under Account, Security.",
        });
      }
      return fail({ formError: LINK_PROBLEMS.change_email[outcome.reason].title });
    }
    const stillSignedIn = session?.userId === outcome.userId;
    redirect(stillSignedIn ? "/account/security?email_changed=1" : "/login?email_changed=1");
  },
});
