import "server-only";
import { findInvitationByTokenHash, type InvitationRecord } from "@/db/lookups";
import { generateSessionToken, hashToken } from "@/lib/auth/session-token";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";

/**
 * Invitation links (checklist A12, Z9): 256 random bits, only SHA-256 stored, valid for seven
 * days, single use, bound to one address and org. Resending issues a new token, so the old
 * link stops working.
 */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export function newInvitationToken(): { token: string; tokenHash: Buffer; expiresAt: Date } {
  const token = generateSessionToken();
  return {
    token,
    tokenHash: hashToken(token),
    expiresAt: new Date(now().getTime() + INVITATION_TTL_MS),
  };
}

export function invitationUrl(token: string): string {
  return new URL(`/invitations/${token}`, env().APP_URL).toString();
}

export function invitationStatus(invitation: {
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt <= now() ? "expired" : "pending";
}

/** The invitation a link's token names, or null. Malformed tokens never reach the database. */
export async function findInvitation(token: string): Promise<InvitationRecord | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return findInvitationByTokenHash(hashToken(token));
}
