import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { memberships, organizations, orgRoles } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { isUniqueViolation } from "@/db/unique-violation";
import { recordAudit } from "@/lib/audit/record-audit";
import { slugify } from "./slug";

/**
 * Creates an organization with `userId` as its owner, in the new org's own tenant context.
 * With no slug requested, one is derived from the name and made unique with a short suffix
 * (slugs are global because they appear in URLs). A requested slug that is taken returns null.
 */
export async function createOrganization(
  userId: string,
  name: string,
  requestedSlug?: string,
): Promise<{ id: string; slug: string } | null> {
  const base = requestedSlug ?? slugify(name);
  for (let attempt = 0; attempt < 6; attempt++) {
    const slug = attempt === 0 ? base : `${base.slice(0, 33)}-${randomBytes(3).toString("hex")}`;
    const id = crypto.randomUUID();
    try {
      await withTenant({ orgId: id, userId }, async (tx) => {
        // The insert trigger gives the org its built-in roles (drizzle/0006).
        await tx.insert(organizations).values({ id, name, slug });
        const [owner] = await tx
          .select({ id: orgRoles.id })
          .from(orgRoles)
          .where(and(eq(orgRoles.orgId, id), eq(orgRoles.builtIn, "owner")));
        await tx.insert(memberships).values({ orgId: id, userId, roleId: owner!.id });
        await recordAudit(
          tx,
          { orgId: id, actorId: userId },
          {
            action: "org.created",
            targetType: "organization",
            targetId: id,
            metadata: { name, slug },
          },
        );
      });
      return { id, slug };
    } catch (error) {
      if (!isUniqueViolation(error, "organizations_slug_key")) throw error;
      if (requestedSlug) return null;
    }
  }
  throw new Error("Could not find a free slug for the organization");
}
