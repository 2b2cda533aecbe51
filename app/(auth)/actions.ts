"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { fail } from "@/lib/actions/action-result";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { authenticate } from "@/lib/auth/authenticate";
import { emailSchema } from "@/lib/auth/email";
import {
  checkNewPassword,
  newPasswordSchema,
  passwordInputSchema,
} from "@/lib/auth/password-policy";
import { registerUser } from "@/lib/auth/register";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { startSession } from "@/lib/auth/sign-in";
import { log } from "@/lib/log";
import { createOrganization } from "@/lib/orgs/create-organization";

const DEFAULT_AFTER_LOGIN = "/dashboard";

const nextField = z.string().max(2048).optional();

/** "ada@example.com" -> "ada's workspace"; renamed in the org's settings. */
function personalOrgName(email: string): string {
  return `${email.split("@")[0]!.slice(0, 60)}'s workspace`;
}

export const loginAction = defineAction({
  permission: "public",
  input: z.strictObject({ email: emailSchema, password: passwordInputSchema, next: nextField }),
  handler: async ({ email, password, next }) => {
    const userId = await authenticate(email, password);
    if (!userId) {
      log("info", "auth.login.failed", { email });
      await recordAuthEvent({ event: "login", outcome: "failure", email });
      return fail({ formError: "Invalid email or password." });
    }
    await startSession(userId);
    log("info", "auth.login.succeeded", { userId });
    await recordAuthEvent({ event: "login", outcome: "success", email });
    redirect(safeNextPath(next) ?? DEFAULT_AFTER_LOGIN);
  },
});

export const signupAction = defineAction({
  permission: "public",
  input: z.strictObject({ email: emailSchema, password: newPasswordSchema, next: nextField }),
  handler: async ({ email, password, next }) => {
    const weakness = checkNewPassword(password, { email });
    if (weakness) return fail({ fieldErrors: { password: [weakness] } });
    const userId = await registerUser(email, password);
    if (!userId) {
      // ADR 006: until email verification exists, this is the one place that can reveal an
      // account exists; it says no more than needed and costs the same hashing work.
      log("info", "auth.signup.email_taken", { email });
      await recordAuthEvent({ event: "signup", outcome: "failure", email });
      return fail({
        formError: "We couldn't create an account with this email. If it's yours, log in instead.",
      });
    }
    await startSession(userId);
    log("info", "auth.signup.succeeded", { userId });
    await recordAuthEvent({ event: "signup", outcome: "success", email });
    // Everyone works inside an organization, so a new account starts with a personal one.
    const org = await createOrganization(userId, personalOrgName(email));
    // createOrganization returns null only for a requested slug that is taken; none is here.
    redirect(safeNextPath(next) ?? (org ? `/o/${org.slug}` : DEFAULT_AFTER_LOGIN));
  },
});
