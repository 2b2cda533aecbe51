import "server-only";
import { withTenant } from "@/db/tenant";
import type { OrgMembership } from "@/lib/orgs/membership";
import {
  assignableRoles,
  selectMembers,
  selectRoles,
  type MemberRow,
  type RoleOption,
} from "./queries";

/** Everything the members page shows, read in one tenant transaction. */
export async function listMembers(
  membership: OrgMembership,
): Promise<{ members: MemberRow[]; roles: RoleOption[]; assignable: RoleOption[] }> {
  return withTenant({ orgId: membership.orgId, userId: membership.userId }, async (tx) => {
    const members = await selectMembers(tx);
    const roles = await selectRoles(tx);
    return { members, roles, assignable: assignableRoles(membership, roles) };
  });
}
