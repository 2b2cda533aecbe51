"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import {
  ACCOUNT_LIMITS,
  clientIpSubject,
  consumeAll,
  retryMessage,
} from "@/lib/account/account-limits";
import { afterResponse } from "@/lib/account/after-response";
import { signUp } from "@/lib/account/sign-up";
import { fail } from "@/lib/actions/action-result";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { authenticate } from "@/lib/auth/authenticate";
import { emailSchema } from "@/lib/auth/email";
import {
  admitLoginAttempt,
  recordLoginSuccess,
  recordLoginFailure,
  throttledMessage,
} from "@/lib/auth/login-throttle";
import {
  checkNewPassword,
  newPasswordSchema,
  passwordInputSchema,
} from "@/lib/auth/password-policy";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { ACCOUNT_DISABLED_MESSAGE, AccountDisabledError } from "@/lib/auth/account-disabled";
import { LOGIN_BUSY_MESSAGE, withLoginSlot } from "@/lib/auth/login-gate";
import { startSession } from "@/lib/auth/sign-in";
import { log } from "@/lib/log";
import { requestMeta } from "@/lib/request-meta";

const DEFAULT_AFTER_LOGIN = "/dashboard";

const nextField = z.string().max(2048).optional();

async function recordLockout(email: string): Promise<void> {
  log("warn", "auth.login.locked_out", { email });
  await recordAuthEvent({ event: "locked_out", outcome: "failure", email });
}

export const loginAction = defineAction({
  permission: "public",
  input: z.strictObject({ email: emailSchema, password: passwordInputSchema, next: nextField }),
  handler: ({ email, password, next }) => withLoginSlot(() => logIn(email, password, next), busy),
});

function busy() {
  return fail({ formError: LOGIN_BUSY_MESSAGE });
}

async function logIn(email: string, password: string, next: string | undefined) {
  const { ip } = await requestMeta();
  // Checked before the password, the same way for unknown emails (ADR 012).
  const admission = await admitLoginAttempt(email, ip);
  if (!admission.admitted) {
    log("warn", "auth.login.throttled", {
      email,
      limit: admission.limit,
      retryAfterSeconds: admission.retryAfterSeconds,
    });
    if (admission.lockedNow) await recordLockout(email);
    return fail({ formError: throttledMessage(admission.retryAfterSeconds) });
  }
  const userId = await authenticate(email, password);
  if (!userId) {
    log("info", "auth.login.failed", { email });
    const { lockedNow } = await recordLoginFailure(email, admission);
    await recordAuthEvent({ event: "login", outcome: "failure", email });
    if (lockedNow) await recordLockout(email);
    return fail({ formError: "Invalid email or password." });
  }
  await recordLoginSuccess(email, ip);
  try {
    await startSession(userId);
  } catch (error) {
    if (!(error instanceof AccountDisabledError)) throw error;
    // Said only to someone who knows the password (ADR 015).
    log("warn", "auth.login.disabled", { userId });
    await recordAuthEvent({ event: "login", outcome: "failure", email });
    return fail({ formError: ACCOUNT_DISABLED_MESSAGE });
  }
  log("info", "auth.login.succeeded", { userId });
  await recordAuthEvent({ event: "login", outcome: "success", email });
  redirect(safeNextPath(next) ?? DEFAULT_AFTER_LOGIN);
}

/**
 * Signup answers "check your email" whether or not the address has an account, after the same
 * hashing work (lib/account/sign-up.ts, ADR 011); it signs nobody in.
 */
export const signupAction = defineAction({
  permission: "public",
  input: z.strictObject({ email: emailSchema, password: newPasswordSchema, next: nextField }),
  handler: ({ email, password }) => withLoginSlot(() => signUpWith(email, password), busy),
});

async function signUpWith(email: string, password: string) {
  const weakness = checkNewPassword(password, { email });
  if (weakness) return fail({ fieldErrors: { password: [weakness] } });
  const refused = await consumeAll([[ACCOUNT_LIMITS.signupPerIp, await clientIpSubject()]]);
  if (refused) {
    return fail({ formError: `Too many sign-ups from your network. ${retryMessage(refused)}` });
  }
  await signUp(email, password, (task) => afterResponse("auth.signup.mail_failed", task));
  return { checkEmail: email };
}
