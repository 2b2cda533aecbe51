/**
 * Accepting an invitation (checklist Z9, A12). The org and role come from the invitation row,
 * never from the request. The signed-in account's email must be the invited address; holding
 * the emailed token proves control of that mailbox, so accepting also marks the email
 * verified (ADR 009). The claim is one conditional UPDATE, so a link is used at most once
 * even when clicked twice at the same moment. A link whose inviter could no longer send it is
 * refused like an expired one (invitationStatus).
 */
import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { InvitationRecord } from "@/db/lookups";
import { invitations, memberships, users } from "@/db/schema";
import type { BuiltInRole } from "@/db/schema/org-roles";
import { withTenant, type Transaction } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashToken } from "@/lib/auth/session-token";
import { now } from "@/lib/clock";
import {
  findInvitation,
  invitationStatus,
  inviterMayStillGrant,
  type InvitationStatus,
} from "./invitation-token";

export type AcceptOutcome =
  | { ok: true; slug: string }
  | { ok: false; reason: Exclude<InvitationStatus, "pending"> | "invalid" | "wrong_account" }
  | { ok: false; reason: "already_member"; slug: string };

export async function acceptInvitation(
  token: string,
  user: { userId: string; email: string },
): Promise<AcceptOutcome> {
  const invitation = await findInvitation(token);
  if (!invitation) return { ok: false, reason: "invalid" };
  const status = invitationStatus(invitation);
  if (status !== "pending") return { ok: false, reason: status };
  if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
    return { ok: false, reason: "wrong_account" };
  }
  const { orgId, orgSlug: slug } = invitation;
  return withTenant({ orgId, userId: user.userId }, async (tx): Promise<AcceptOutcome> => {
    const existing = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, user.userId)));
    if (existing.length > 0) return { ok: false, reason: "already_member", slug };
    if (!(await inviterStillGrants(tx, invitation))) return { ok: false, reason: "beyond_inviter" };
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: now(), acceptedBy: user.userId })
      .where(
        and(
          eq(invitations.id, invitation.id),
          // This link's token still: a resend since the lookup replaced it.
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now()),
        ),
      )
      .returning({ roleId: invitations.roleId });
    if (!claimed) return { ok: false, reason: "accepted" };
    await tx.insert(memberships).values({ orgId, userId: user.userId, roleId: claimed.roleId });
    await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, user.userId));
    await recordAudit(
      tx,
      { orgId, actorId: user.userId },
      {
        action: "member.joined",
        targetType: "invitation",
        targetId: invitation.id,
        metadata: { email: invitation.email, role: invitation.roleName },
      },
    );
    return { ok: true, slug };
  });
}

type RoleRow = { built_in: BuiltInRole | null; permissions: string[] };

/**
 * The lookup's check again, inside the claim's transaction, with the inviter's membership row
 * locked (FOR SHARE) until it ends: a demotion racing this acceptance either committed first
 * and is seen here, or waits until the member has joined under the grant checked.
 */
async function inviterStillGrants(tx: Transaction, invitation: InvitationRecord) {
  if (!invitation.inviter) return false;
  const rows = await tx.execute<{ held: RoleRow; offered: RoleRow }>(sql`
    select json_build_object('built_in', held.built_in, 'permissions', held.permissions) as held,
      json_build_object('built_in', offered.built_in, 'permissions', offered.permissions) as offered
    from invitations i
    join org_roles offered on offered.org_id = i.org_id and offered.id = i.role_id
    join memberships m on m.org_id = i.org_id and m.user_id = i.invited_by
    join org_roles held on held.org_id = m.org_id and held.id = m.role_id
    where i.id = ${invitation.id}
    for share of m`);
  const row = rows[0];
  if (!row) return false;
  const grant = (role: RoleRow) => ({ builtIn: role.built_in, permissions: role.permissions });
  return inviterMayStillGrant({
    inviter: { userId: invitation.inviter.userId, ...grant(row.held) },
    offered: grant(row.offered),
  });
}
