import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { memberships, orgRoles, users, type BuiltInRole } from "@/db/schema";
import type { Transaction } from "@/db/tenant";
import { withinReach, type Grantee } from "@/lib/authz/authorize";
import { rolePermissions, type Permission } from "@/lib/authz/permissions";

export interface MemberRow {
  userId: string;
  email: string;
  displayName: string | null;
  joinedAt: Date;
  role: { id: string; name: string; builtIn: BuiltInRole | null };
  permissions: Permission[];
}

export interface RoleOption {
  id: string;
  name: string;
  builtIn: BuiltInRole | null;
  permissions: Permission[];
}

const memberColumns = {
  userId: memberships.userId,
  email: users.email,
  displayName: users.displayName,
  joinedAt: memberships.joinedAt,
  roleId: orgRoles.id,
  roleName: orgRoles.name,
  builtIn: orgRoles.builtIn,
  rolePermissions: orgRoles.permissions,
};

/** The org's members (RLS scopes every table to the org in context), or just one. */
export async function selectMembers(tx: Transaction, userId?: string): Promise<MemberRow[]> {
  const rows = await tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(
      orgRoles,
      and(eq(orgRoles.orgId, memberships.orgId), eq(orgRoles.id, memberships.roleId)),
    )
    .where(userId ? eq(memberships.userId, userId) : undefined)
    .orderBy(asc(memberships.joinedAt), asc(users.email));
  return rows.map((r) => ({
    userId: r.userId,
    email: r.email,
    displayName: r.displayName,
    joinedAt: r.joinedAt,
    role: { id: r.roleId, name: r.roleName, builtIn: r.builtIn },
    permissions: rolePermissions({ builtIn: r.builtIn, permissions: r.rolePermissions }),
  }));
}

/** Every role of the org in context, built-ins first. */
export async function selectRoles(tx: Transaction): Promise<RoleOption[]> {
  const rows = await tx
    .select()
    .from(orgRoles)
    .orderBy(asc(orgRoles.createdAt), asc(orgRoles.name));
  const order = ["owner", "admin", "member", "viewer"];
  return rows
    .map((r) => ({ id: r.id, name: r.name, builtIn: r.builtIn, permissions: rolePermissions(r) }))
    .sort(
      (a, b) =>
        (a.builtIn ? order.indexOf(a.builtIn) : 9) - (b.builtIn ? order.indexOf(b.builtIn) : 9),
    );
}

/** Roles the actor may hand out: never one with a permission the actor lacks (Z7). */
export function assignableRoles(actor: Grantee, roles: RoleOption[]): RoleOption[] {
  return roles.filter((role) => withinReach(actor, role.permissions));
}

/**
 * May the actor change or remove this member? Never themselves (nobody edits their own role,
 * and leaving is its own action), and never someone whose role holds more than the actor's.
 */
export function mayManage(actor: Grantee, target: { userId: string; permissions: Permission[] }) {
  return target.userId !== actor.userId && withinReach(actor, target.permissions);
}
