import "server-only";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { invitations, memberships, orgRoles, type BuiltInRole } from "@/db/schema";
import { withTenant, type TenantContext, type Transaction } from "@/db/tenant";
import { rolePermissions, type Permission } from "@/lib/authz/permissions";
import { roleIdSchema } from "./role-fields";

export interface RoleSummary {
  id: string;
  name: string;
  description: string;
  builtIn: BuiltInRole | null;
  permissions: Permission[];
  members: number;
}

const columns = {
  id: orgRoles.id,
  name: orgRoles.name,
  description: orgRoles.description,
  builtIn: orgRoles.builtIn,
  rawPermissions: orgRoles.permissions,
};

type Row = { rawPermissions: string[] } & Omit<RoleSummary, "permissions" | "members">;

function toRole({ rawPermissions, ...row }: Row) {
  return {
    ...row,
    permissions: rolePermissions({ builtIn: row.builtIn, permissions: rawPermissions }),
  };
}

const BUILT_IN_ORDER = sql`array_position(array['owner','admin','member','viewer'], ${orgRoles.builtIn})`;

/** The org's roles, built-ins first (owner to viewer), then custom roles by name. */
export async function listRoles(ctx: TenantContext): Promise<RoleSummary[]> {
  return withTenant(ctx, async (tx) => {
    const held = tx
      .select({ roleId: memberships.roleId, members: count().as("members") })
      .from(memberships)
      .where(eq(memberships.orgId, ctx.orgId))
      .groupBy(memberships.roleId)
      .as("held");
    const rows = await tx
      .select({ ...columns, members: sql<number>`coalesce(${held.members}, 0)::int` })
      .from(orgRoles)
      .leftJoin(held, eq(held.roleId, orgRoles.id))
      // Explicit: the select policy also shows roles the user holds in other orgs.
      .where(eq(orgRoles.orgId, ctx.orgId))
      .orderBy(sql`${BUILT_IN_ORDER} nulls last`, asc(sql`lower(${orgRoles.name})`));
    return rows.map(({ members, ...row }) => ({ ...toRole(row), members }));
  });
}

/**
 * One of the org's roles by id, or null. A malformed id, an unknown one and another org's all
 * give null (Z3). `lock` re-reads a custom role FOR UPDATE, for an action about to change it
 * (built-in rows cannot be locked: RLS applies the update policy to FOR UPDATE, and it
 * admits only custom roles).
 */
export async function findRole(tx: Transaction, orgId: string, id: string, { lock = false } = {}) {
  if (!roleIdSchema.safeParse(id).success) return null;
  const query = () =>
    tx
      .select(columns)
      .from(orgRoles)
      .where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.id, id)));
  const [row] = await query();
  if (!row || !lock || row.builtIn) return row ? toRole(row) : null;
  const [locked] = await query().for("update");
  return locked ? toRole(locked) : null;
}

export type FoundRole = NonNullable<Awaited<ReturnType<typeof findRole>>>;

/** Who still uses a role: members holding it, and invitations not yet accepted or revoked. */
export async function roleUsage(tx: Transaction, orgId: string, roleId: string) {
  const [held] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.roleId, roleId)));
  const [open] = await tx
    .select({ n: count() })
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.roleId, roleId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  return { members: held?.n ?? 0, invitations: open?.n ?? 0 };
}

/** For the role page: the role and its usage, in one tenant transaction. */
export async function getRole(ctx: TenantContext, id: string) {
  return withTenant(ctx, async (tx) => {
    const role = await findRole(tx, ctx.orgId, id);
    return role ? { ...role, usage: await roleUsage(tx, ctx.orgId, role.id) } : null;
  });
}
