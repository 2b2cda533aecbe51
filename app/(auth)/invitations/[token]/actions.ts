"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { checkNewPassword, newPasswordSchema } from "@/lib/auth/password-policy";
import { registerUser } from "@/lib/auth/register";
import { startSession } from "@/lib/auth/sign-in";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { admitInvitationAttempt } from "@/lib/invitations/acceptance-limits";
import { findInvitation, invitationStatus } from "@/lib/invitations/invitation-token";
import { INVITATION_PROBLEMS } from "@/lib/invitations/outcome-messages";
import { log } from "@/lib/log";
import { requestMeta } from "@/lib/request-meta";

const tokenField = z.string().max(256);

/** The org and role come from the invitation row; nothing else in the request is read (Z9). */
export const acceptInvitationAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({ token: tokenField }),
  handler: async ({ token }, { session }) => {
    const throttled = await admitInvitationAttempt(token, (await requestMeta()).ip);
    if (throttled) return fail({ formError: throttled });
    const outcome = await acceptInvitation(token, session);
    if (outcome.ok) redirect(`/o/${outcome.slug}?joined=1`);
    if (outcome.reason === "already_member") redirect(`/o/${outcome.slug}`);
    return fail({ formError: INVITATION_PROBLEMS[outcome.reason].title });
  },
});

/**
 * Sign up from an invitation: the account's email is the invited address (read from the
 * invitation, not the form), and accepting proves it, so it starts verified. No personal
 * workspace is created: the new user lands in the org that invited them.
 */
export const signupWithInvitationAction = defineAction({
  permission: "public",
  input: z.strictObject({ token: tokenField, password: newPasswordSchema }),
  handler: async ({ token, password }) => {
    const throttled = await admitInvitationAttempt(token, (await requestMeta()).ip);
    if (throttled) return fail({ formError: throttled });
    const invitation = await findInvitation(token);
    const status = invitation ? invitationStatus(invitation) : "invalid";
    if (!invitation || status !== "pending") {
      return fail({ formError: INVITATION_PROBLEMS[status as "invalid"].title });
    }
    const weakness = checkNewPassword(password, { email: invitation.email });
    if (weakness) return fail({ fieldErrors: { password: [weakness] } });
    const userId = await registerUser(invitation.email, password);
    if (!userId) {
      return fail({
        formError: "An account with this email already exists. Log in to accept the invitation.",
      });
    }
    await startSession(userId);
    log("info", "auth.signup.succeeded", { userId, via: "invitation" });
    await recordAuthEvent({
      event: "signup",
      outcome: "success",
      email: invitation.email,
      method: "invitation",
    });
    const outcome = await acceptInvitation(token, { userId, email: invitation.email });
    if (outcome.ok) redirect(`/o/${outcome.slug}?joined=1`);
    // Accepted by someone else in the meantime: the account exists, the invitation does not.
    redirect("/dashboard");
  },
});
