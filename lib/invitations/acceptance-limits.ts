/**
 * Limits on accepting invitations (checklist A9, ADR 012): per invitation link and per client
 * IP, counted before the token is looked up, in Postgres so every instance shares them.
 * Tokens carry 256 bits, so guessing one is hopeless anyway; the limits keep a script from
 * turning the accept and sign-up forms into a free hashing service or an oracle. Without a
 * trusted client IP (TRUST_PROXY_HOPS=0) only the per-link limit applies.
 */
import "server-only";
import { consume, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { tooManyAttemptsMessage } from "@/lib/rate-limit/too-many-attempts";

export const INVITATION_LIMITS = {
  token: { name: "invitation.token", limit: 10, windowSeconds: 15 * 60 },
  ip: { name: "invitation.ip", limit: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

/** Counts one attempt; returns null when it may go ahead, else the message to show. */
export async function admitInvitationAttempt(
  token: string,
  ip: string | null,
): Promise<string | null> {
  const results = await Promise.all([
    consume(INVITATION_LIMITS.token, token),
    ...(ip ? [consume(INVITATION_LIMITS.ip, ip)] : []),
  ]);
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return null;
  return tooManyAttemptsMessage(Math.max(...refused.map((r) => r.retryAfterSeconds)));
}
