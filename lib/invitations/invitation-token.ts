import "server-only";
import { findInvitationByTokenHash, type InvitationRecord } from "@/db/lookups";
import { can, withinReach, type Grantee } from "@/lib/authz/authorize";
import { rolePermissions, type Permission } from "@/lib/authz/permissions";
import { generateSessionToken, hashToken } from "@/lib/auth/session-token";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";

/**
 * Invitation links (checklist A12, Z9): 256 random bits, only SHA-256 stored, valid for seven
 * days, single use, bound to one address and org. Resending issues a new token, so the old
 * link stops working.
 *
 * Nobody grants what they do not hold, and the grant happens when the link is used, not when
 * it was sent: its inviter (whoever sent or last resent it) must still be a member who may
 * invite and who holds every permission of the role offered, as an API key's scopes are
 * checked against its creator's role on every request (ADR 010). Otherwise the link is
 * "beyond_inviter", like an expired one.
 */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired" | "beyond_inviter";

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

export function invitationStatus(
  invitation: Pick<
    InvitationRecord,
    "acceptedAt" | "revokedAt" | "expiresAt" | "offered" | "inviter"
  >,
): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now()) return "expired";
  return inviterMayStillGrant(invitation) ? "pending" : "beyond_inviter";
}

export function inviterMayStillGrant({
  inviter,
  offered,
}: Pick<InvitationRecord, "offered" | "inviter">) {
  return mayStillSend(
    inviter && { userId: inviter.userId, permissions: rolePermissions(inviter) },
    rolePermissions(offered),
  );
}

/** Whether `inviter` (null: no longer a member) could send an invitation offering `offered`. */
export function mayStillSend(inviter: Grantee | null, offered: readonly Permission[]): boolean {
  return inviter !== null && can(inviter, "members:invite") && withinReach(inviter, offered);
}

/** The invitation a link's token names, or null. Malformed tokens never reach the database. */
export async function findInvitation(token: string): Promise<InvitationRecord | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return findInvitationByTokenHash(hashToken(token));
}
