/**
 * Signup that does not reveal whether an email has an account (checklist A10, ADR 006 as
 * amended by ADR 011). Both outcomes hash the password once, try one insert, then answer the
 * same; what differs runs after the response (`defer`), and sends exactly one email: a new
 * address gets a personal organization and a verification link, an existing one a notice to
 * its owner and nothing else. Signup signs nobody in: the user logs in like everyone else.
 */
import "server-only";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { registerUser } from "@/lib/auth/register";
import { log } from "@/lib/log";
import { createPersonalOrganization } from "@/lib/orgs/personal-organization";
import { sendSignupAttemptNotice } from "./account-mail";
import { inline, type Defer } from "./after-response";
import { sendVerificationLink } from "./email-verification";

async function welcome(userId: string, email: string): Promise<void> {
  log("info", "auth.signup.succeeded", { userId });
  await recordAuthEvent({ event: "signup", outcome: "success", email });
  await createPersonalOrganization(userId, email);
  await sendVerificationLink(userId, email);
}

async function warnOwner(email: string): Promise<void> {
  log("info", "auth.signup.email_taken", {});
  await recordAuthEvent({ event: "signup", outcome: "failure", email });
  await sendSignupAttemptNotice(email);
}

export async function signUp(email: string, password: string, defer: Defer = inline) {
  const userId = await registerUser(email, password);
  await defer(() => (userId ? welcome(userId, email) : warnOwner(email)));
}
