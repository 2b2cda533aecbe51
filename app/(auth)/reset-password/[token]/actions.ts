"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { LINK_PROBLEMS } from "@/lib/account/link-problems";
import { AFTER_RESET_PATH, completePasswordReset } from "@/lib/account/password-reset";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { endSession } from "@/lib/auth/sign-in";

/** Sets a new password from a reset link; every session ends, and the user logs in again. */
export const resetPasswordAction = defineAction({
  permission: "public",
  input: z.strictObject({ token: z.string().max(256), password: newPasswordSchema }),
  handler: async ({ token, password }) => {
    const outcome = await completePasswordReset(token, password);
    if (!outcome.ok) {
      if (outcome.reason === "weak") return fail({ fieldErrors: { password: [outcome.message] } });
      return fail({ formError: LINK_PROBLEMS.reset_password[outcome.reason].title });
    }
    // This browser's session (if any) ended with all the others: drop its cookie too.
    await endSession();
    redirect(AFTER_RESET_PATH);
  },
});
