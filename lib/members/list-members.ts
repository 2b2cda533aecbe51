import "server-only";
import { withTenant } from "@/db/tenant";
import { can } from "@/lib/authz/authorize";
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
  /** Only for members who may invite; null otherwise (invitees' addresses stay private). */
  invitations: PendingInvitation[] | null;
}> {
  return withTenant({ orgId: membership.orgId, userId: membership.userId }, async (tx) => {
    const members = await selectMembers(tx);
    const roles = await selectRoles(tx);
    const invitations = can(membership, "members:invite")
      ? await selectPendingInvitations(tx)
      : null;
    return { members, roles, assignable: assignableRoles(membership, roles), invitations };
  });
}
