import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { invitations, orgRoles, users } from "@/db/schema";
import type { Transaction } from "@/db/tenant";

export interface PendingInvitation {
  id: string;
  email: string;
  roleId: string;
  roleName: string;
  /** The inviter's email, and id (null once their account is gone). */
  invitedBy: string | null;
  inviterId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** Invitations of the org in context not yet accepted or revoked (expired ones included). */
export async function selectPendingInvitations(
  tx: Transaction,
  id?: string,
): Promise<PendingInvitation[]> {
  return tx
    .select({
      id: invitations.id,
      email: invitations.email,
      roleId: invitations.roleId,
      roleName: orgRoles.name,
      invitedBy: users.email,
      inviterId: invitations.invitedBy,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(
      orgRoles,
      and(eq(orgRoles.orgId, invitations.orgId), eq(orgRoles.id, invitations.roleId)),
    )
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        id ? eq(invitations.id, id) : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt));
}
