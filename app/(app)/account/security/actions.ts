"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { ACCOUNT_LIMITS, consumeAll, retryMessage } from "@/lib/account/account-limits";
import { afterResponse } from "@/lib/account/after-response";
import { changePassword } from "@/lib/account/change-password";
import { deliverEmailChange } from "@/lib/account/email-change";
import { refuseUnlessReauthenticated } from "@/lib/account/step-up";
import { emailSchema } from "@/lib/auth/email";
import { newPasswordSchema } from "@/lib/auth/password-policy";

const currentPasswordField = z
  .string({ message: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(4096);

/**
 * Changes the password: the current one is required (A6), the new one meets the policy, every
 * other session ends and the user is told by email (lib/account/change-password.ts).
 */
export const changePasswordAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({ currentPassword: currentPasswordField, newPassword: newPasswordSchema }),
  handler: async ({ currentPassword, newPassword }, { session }) => {
    const outcome = await changePassword(session, currentPassword, newPassword);
    if (!outcome.ok) return fail({ fieldErrors: { [outcome.field]: [outcome.message] } });
    revalidatePath("/account", "layout");
    return { changed: true as const };
  },
});

/**
 * Starts an email change: re-authentication, then a link to the NEW address (and a notice to
 * the current one). Nothing changes until the link is used (lib/account/email-change.ts). The
 * answer is the same whether or not the new address already has an account.
 */
export const requestEmailChangeAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({ email: emailSchema, password: z.string().max(4096).default("") }),
  handler: async ({ email, password }, { session }) => {
    if (email === session.email.toLowerCase()) {
      return fail({ fieldErrors: { email: ["That is already your email address."] } });
    }
    const notReauthenticated = await refuseUnlessReauthenticated(session, password);
    if (notReauthenticated) return notReauthenticated;
    const refused = await consumeAll([[ACCOUNT_LIMITS.emailChangePerUser, session.userId]]);
    if (refused) {
      return fail({ formError: `Too many email change requests. ${retryMessage(refused)}` });
    }
    const { userId, email: oldEmail } = session;
    afterResponse("auth.email_change.mail_failed", () =>
      deliverEmailChange(userId, oldEmail, email),
    );
    return { sentTo: email };
  },
});
