/**
 * Deleting an account (docs/auth.md "Account deletion"). The rule for organizations:
 * - an org where the user is the only member is deleted with the account;
 * - an org with other members where the user is the last owner blocks the deletion until
 *   ownership is transferred (or the org is deleted): nobody is left in an org without an owner;
 * - in every other org the membership simply ends.
 * Everything else of the account (sessions, tokens, memberships, linked logins) goes through
 * foreign-key cascades in the same transaction. The deferred last-owner trigger (drizzle/0006)
 * still guards the commit: if the orgs changed meanwhile, its refusal becomes a typed result.
 */
import "server-only";
import { isPostgresError, PG_ERROR } from "@/db/postgres-error";
import { and, count, eq, sql } from "drizzle-orm";
import { memberships, organizations, orgRoles, users } from "@/db/schema";
import { withTenant, withUser } from "@/db/tenant";
import { listMemberships } from "@/lib/orgs/membership";

/** What the user types to confirm a deletion; the page shows it. */
export const DELETE_CONFIRMATION = "delete my account";

export interface OrgSummary {
  slug: string;
  name: string;
}

export interface DeletionPlan {
  /** Orgs the user is the last owner of, with other members: transfer ownership first. */
  blocking: (OrgSummary & { otherMembers: number })[];
  /** Orgs where the user is the only member: deleted with the account. */
  deletedWithAccount: (OrgSummary & { id: string })[];
}

export async function planAccountDeletion(userId: string): Promise<DeletionPlan> {
  const plan: DeletionPlan = { blocking: [], deletedWithAccount: [] };
  for (const m of await listMemberships(userId)) {
    const [counts] = await withTenant({ orgId: m.orgId, userId }, (tx) =>
      tx
        .select({
          members: count(),
          owners: sql<number>`count(*) filter (where ${orgRoles.builtIn} = 'owner')`.mapWith(
            Number,
          ),
        })
        .from(memberships)
        .innerJoin(
          orgRoles,
          and(eq(orgRoles.orgId, memberships.orgId), eq(orgRoles.id, memberships.roleId)),
        )
        .where(eq(memberships.orgId, m.orgId)),
    );
    const { members, owners } = counts ?? { members: 1, owners: 1 };
    const org = { slug: m.slug, name: m.name };
    if (members <= 1) plan.deletedWithAccount.push({ ...org, id: m.orgId });
    else if (m.role.builtIn === "owner" && owners <= 1) {
      plan.blocking.push({ ...org, otherMembers: members - 1 });
    }
  }
  return plan;
}

const LAST_OWNER = "memberships_last_owner";

export type DeleteOutcome = { ok: true } | { ok: false; blocking: DeletionPlan["blocking"] };

export async function deleteAccount(userId: string): Promise<DeleteOutcome> {
  const plan = await planAccountDeletion(userId);
  if (plan.blocking.length > 0) return { ok: false, blocking: plan.blocking };
  try {
    await withUser(userId, async (tx) => {
      for (const org of plan.deletedWithAccount) {
        // The org's own context, as for any org deletion; only while it still has one member.
        await tx.execute(sql`select set_config('app.org_id', ${org.id}, true)`);
        await tx
          .delete(organizations)
          .where(
            and(
              eq(organizations.id, org.id),
              sql`(select count(*) from memberships m where m.org_id = ${org.id}) = 1`,
            ),
          );
      }
      await tx.execute(sql`select set_config('app.org_id', '', true)`);
      await tx.delete(users).where(eq(users.id, userId));
    });
  } catch (error) {
    if (!isPostgresError(error, PG_ERROR.checkViolation, LAST_OWNER)) throw error;
    const again = await planAccountDeletion(userId);
    return { ok: false, blocking: again.blocking };
  }
  return { ok: true };
}
