/**
 * The one authorization decision, used by the action wrapper, the API wrapper and (for display
 * only) by pages. Role-based first; then the attribute rules (ABAC), kept here and nowhere
 * else: whoever may create a kind of resource may also edit and delete the ones they created.
 * That is how the built-in member role edits its own projects without projects:update.
 */
import type { Permission } from "./permissions";

export interface Grantee {
  userId: string;
  permissions: readonly Permission[];
}

/** A resource's creator, for the attribute rules. */
export interface Owned {
  createdBy: string | null;
}

/** Permission -> the permission that, held by a resource's creator, covers it for that resource. */
export const CREATOR_RULES: Partial<Record<Permission, Permission>> = {
  "projects:update": "projects:create",
  "projects:delete": "projects:create",
};

/**
 * "all": the role holds the permission. "own": only for resources the grantee created (the
 * caller must then check the resource with `can`). null: refused.
 */
export function grantFor(grantee: Grantee, permission: Permission): "all" | "own" | null {
  if (grantee.permissions.includes(permission)) return "all";
  const viaCreator = CREATOR_RULES[permission];
  return viaCreator && grantee.permissions.includes(viaCreator) ? "own" : null;
}

/** May the grantee do `permission` (to `resource`, when the permission concerns one)? */
export function can(grantee: Grantee, permission: Permission, resource?: Owned): boolean {
  const grant = grantFor(grantee, permission);
  if (grant === "all") return true;
  return grant === "own" && resource !== undefined && resource.createdBy === grantee.userId;
}

/** Nobody grants what they do not hold: a role (or key scope) is within reach only if its
 * permissions are a subset of the actor's (Z7). */
export function withinReach(actor: Grantee, permissions: readonly Permission[]): boolean {
  return permissions.every((p) => actor.permissions.includes(p));
}
