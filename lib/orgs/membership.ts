/**
 * Which organization a request acts in, and as what. The org always comes from the URL or the
 * action's input and is re-checked against the memberships table on every call: nothing about
 * it is remembered in the session, so two tabs can work in two orgs, and removing a member
 * takes effect on their next request.
 */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { cache } from "react";
import { memberships, organizations, type MemberRole } from "@/db/schema";
import { withUser } from "@/db/tenant";
import { requireSession } from "@/lib/auth/current-session";

export interface OrgMembership {
  orgId: string;
  slug: string;
  name: string;
  role: MemberRole;
  userId: string;
}

const membershipColumns = {
  orgId: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  role: memberships.role,
};

/** The user's membership in the org with this slug, or null (not a member, or no such org). */
export async function getMembership(userId: string, slug: string): Promise<OrgMembership | null> {
  const rows = await withUser(userId, (tx) =>
    tx
      .select(membershipColumns)
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(and(eq(memberships.userId, userId), eq(organizations.slug, slug)))
      .limit(1),
  );
  const row = rows[0];
  return row ? { ...row, userId } : null;
}

/** Every organization the user belongs to, for the switcher. */
export async function listMemberships(userId: string): Promise<OrgMembership[]> {
  const rows = await withUser(userId, (tx) =>
    tx
      .select(membershipColumns)
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organizations.name)),
  );
  return rows.map((row) => ({ ...row, userId }));
}

/**
 * For pages under /o/[org]: the signed-in member's membership, or a 404. Non-members get the
 * same answer as for an org that does not exist, so slugs cannot be probed.
 */
export const requireMembership = cache(async (slug: string): Promise<OrgMembership> => {
  const session = await requireSession();
  const membership = await getMembership(session.userId, slug);
  if (!membership) notFound();
  return membership;
});
