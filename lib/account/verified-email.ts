/**
 * What an unverified account may not do (ADR 011): anything that would outlive the real owner's
 * password reset if a squatter did it first. A connected provider, an API key and an invited
 * person all keep working after the reset ends the squatter's sessions, so each needs the
 * address proved first.
 */
import "server-only";
import { fail, type ActionFailure } from "@/lib/actions/action-result";
import type { CurrentSession } from "@/lib/auth/current-session";

export type NeedsVerifiedEmail = "connect a provider" | "create API keys" | "invite people";

export function verifyFirstMessage(email: string, what: NeedsVerifiedEmail): string {
  return `Verify your email address before you ${what}: open the link we sent to ${email}.`;
}

/** For actions: the refusal to return while the session's email is unverified, or null. */
export function refuseUnlessVerified(
  session: Pick<CurrentSession, "email" | "emailVerifiedAt">,
  what: NeedsVerifiedEmail,
): ActionFailure | null {
  return session.emailVerifiedAt
    ? null
    : fail({ formError: verifyFirstMessage(session.email, what) });
}
