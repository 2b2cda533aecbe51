/**
 * Which organization a request acts in, and as what. The org always comes from the URL or the
 * action's input and is re-checked against the memberships table on every call, with the
 * role's permissions read fresh: nothing about it is remembered in the session, so two tabs
 * can work in two orgs, and a role change or removal takes effect on the next request (Z8).
 */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { cache } from "react";
import { memberships, organizations, orgRoles, type BuiltInRole } from "@/db/schema";
import type { MembershipRecord } from "@/db/request-context";
import { withUser } from "@/db/tenant";
import { requireSession, type CurrentSession } from "@/lib/auth/current-session";
import { resolveRequest } from "@/lib/auth/request-context";
import { rolePermissions, type Permission } from "@/lib/authz/permissions";

export interface OrgMembership {
  orgId: string;
  slug: string;
  name: string;
  userId: string;
  role: { id: string; name: string; builtIn: BuiltInRole | null };
  permissions: Permission[];
}

const membershipColumns = {
  orgId: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  roleId: orgRoles.id,
  roleName: orgRoles.name,
  builtIn: orgRoles.builtIn,
  rolePermissions: orgRoles.permissions,
};

function toMembership(row: MembershipRecord, userId: string): OrgMembership {
  return {
    orgId: row.orgId,
    slug: row.slug,
    name: row.name,
    userId,
    role: { id: row.roleId, name: row.roleName, builtIn: row.builtIn },
    permissions: rolePermissions({ builtIn: row.builtIn, permissions: row.rolePermissions }),
  };
}

/** The user's memberships with org and role, optionally just the one in the org `slug`. */
function membershipRows(userId: string, slug?: string) {
  return withUser(userId, (tx) =>
    tx
      .select(membershipColumns)
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .innerJoin(
        orgRoles,
        and(eq(orgRoles.orgId, memberships.orgId), eq(orgRoles.id, memberships.roleId)),
      )
      .where(and(eq(memberships.userId, userId), slug ? eq(organizations.slug, slug) : undefined))
      .orderBy(asc(organizations.name)),
  );
}

/** The user's membership in the org with this slug, or null (not a member, or no such org). */
export async function getMembership(userId: string, slug: string): Promise<OrgMembership | null> {
  const [row] = await membershipRows(userId, slug);
  return row ? toMembership(row, userId) : null;
}

/** Every organization the user belongs to, for the switcher. */
export async function listMemberships(userId: string): Promise<OrgMembership[]> {
  const rows = await membershipRows(userId);
  return rows.map((row) => toMembership(row, userId));
}

/**
 * The request's session and its membership in the org `slug`, read together in one database
 * call (lib/auth/request-context.ts). Null without a valid session; `membership` is null for a
 * non-member and for an org that does not exist alike.
 */
export async function getSessionMembership(
  slug: string,
): Promise<{ session: CurrentSession; membership: OrgMembership | null } | null> {
  const context = await resolveRequest(slug);
  if (!context) return null;
  const { session, membership } = context;
  return { session, membership: membership && toMembership(membership, session.userId) };
}

/**
 * For pages under /o/[org]: the signed-in member's membership, or a 404. Non-members get the
 * same answer as for an org that does not exist, so slugs cannot be probed. A signed-out
 * visitor goes to /login (requireSession).
 */
export const requireMembership = cache(async (slug: string): Promise<OrgMembership> => {
  const context = await getSessionMembership(slug);
  if (!context) await requireSession();
  if (!context?.membership) notFound();
  return context.membership;
});
