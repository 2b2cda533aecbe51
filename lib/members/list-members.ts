import "server-only";
import { withTenant } from "@/db/tenant";
import { can } from "@/lib/authz/authorize";
import { mayStillSend } from "@/lib/invitations/invitation-token";
import { selectPendingInvitations, type PendingInvitation } from "@/lib/invitations/queries";
import type { OrgMembership } from "@/lib/orgs/membership";
import {
  assignableRoles,
  selectMembers,
  selectRoles,
  type MemberRow,
  type RoleOption,
} from "./queries";

/** Everything the members page shows, read in one tenant transaction. */
export async function listMembers(membership: OrgMembership): Promise<{
  members: MemberRow[];
  roles: RoleOption[];
  assignable: RoleOption[];
  /**
   * Only for members who may invite; null otherwise (invitees' addresses stay private).
   * `usable` is false when the inviter could no longer send it: its link is refused.
   */
  invitations: Array<PendingInvitation & { usable: boolean }> | null;
}> {
  return withTenant({ orgId: membership.orgId, userId: membership.userId }, async (tx) => {
    const members = await selectMembers(tx);
    const roles = await selectRoles(tx);
    const pending = can(membership, "members:invite") ? await selectPendingInvitations(tx) : null;
    const invitations =
      pending?.map((invitation) => ({
        ...invitation,
        usable: mayStillSend(
          members.find((m) => m.userId === invitation.inviterId) ?? null,
          roles.find((r) => r.id === invitation.roleId)?.permissions ?? [],
        ),
      })) ?? null;
    return { members, roles, assignable: assignableRoles(membership, roles), invitations };
  });
}
