"use server";

import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import {
  ACCOUNT_LIMITS,
  clientIpSubject,
  consumeAll,
  retryMessage,
} from "@/lib/account/account-limits";
import { afterResponse } from "@/lib/account/after-response";
import { deliverPasswordReset } from "@/lib/account/password-reset";
import { emailSchema } from "@/lib/auth/email";

/**
 * Asks for a reset link. The answer is the same whether or not the email has an account; the
 * lookup and the mail run after the response (lib/account/password-reset.ts). The limits count
 * every request, known email or not, so a refusal reveals nothing either.
 */
export const requestPasswordResetAction = defineAction({
  permission: "public",
  input: z.strictObject({ email: emailSchema }),
  handler: async ({ email }) => {
    const refused = await consumeAll([
      [ACCOUNT_LIMITS.resetPerIp, await clientIpSubject()],
      [ACCOUNT_LIMITS.resetPerEmail, email],
    ]);
    if (refused) {
      return fail({ formError: `Too many reset requests. ${retryMessage(refused)}` });
    }
    afterResponse("auth.password_reset.mail_failed", () => deliverPasswordReset(email));
    return { email };
  },
});
