/**
 * Who is calling the API and what they may do in which org (ADR 010). A principal is an API key
 * (acting as its creator, narrowed to its scopes) or a signed-in user (session cookie). Org
 * access carries the permissions of the acting user's current role and, for a key, its scopes:
 * a permission is granted only when the scopes include it AND the creator's role grants it, the
 * creator rule (lib/authz/authorize.ts) included.
 */
import "server-only";
import { grantFor, type Grantee } from "@/lib/authz/authorize";
import { ALL_PERMISSIONS, type Permission } from "@/lib/authz/permissions";
import type { ActiveApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { ValidSession } from "@/lib/auth/session";

export type Principal =
  | { kind: "api_key"; userId: string; key: ActiveApiKey }
  | { kind: "user"; userId: string; session: ValidSession };

export interface OrgAccess extends Grantee {
  orgId: string;
  slug: string;
  name: string;
  /** The acting user: the key's creator, or the signed-in member. */
  userId: string;
  /** The acting user's role's permissions in the org, read this request. */
  permissions: Permission[];
  /** A key's scopes; null for a signed-in member, who acts with their whole role. */
  scopes: Permission[] | null;
}

export function keyOrgAccess(key: ActiveApiKey): OrgAccess {
  return {
    orgId: key.org.id,
    slug: key.org.slug,
    name: key.org.name,
    userId: key.createdBy,
    permissions: key.creatorPermissions,
    scopes: key.scopes,
  };
}

/** "all", "own" (only what the acting user created) or null, as `grantFor` answers. */
export function grantIn(access: OrgAccess, permission: Permission): "all" | "own" | null {
  if (access.scopes && !access.scopes.includes(permission)) return null;
  return grantFor(access, permission);
}

/** What the caller may do in the org, in catalogue order (for GET /api/v1/me). */
export function effectivePermissions(access: OrgAccess): Permission[] {
  const scopes = access.scopes;
  return ALL_PERMISSIONS.filter(
    (p) => access.permissions.includes(p) && (scopes === null || scopes.includes(p)),
  );
}
