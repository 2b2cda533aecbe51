import { defineApiRoute } from "@/lib/api/define-api-route";
import { preflight } from "@/lib/api/cors";
import { effectivePermissions } from "@/lib/api/principal";
import { meResponse } from "@/lib/api/v1-schemas";

/**
 * Who is calling: the API key (its org, scopes and what it may do now) or the signed-in user
 * (with the org named by X-Org, if any). Also the route `npm run bench` measures auth on.
 */
export const GET = defineApiRoute({
  summary: "The caller: the API key, or the signed-in user",
  description:
    "With a key: the key, its organization and its effective permissions (its scopes ∩ its creator's current role). With the session cookie: the user, and with `X-Org` the organization and the user's permissions there.",
  permission: "authenticated",
  response: meResponse,
  handler: async (_input, { principal, org }) => {
    const permissions = org ? effectivePermissions(org) : [];
    const orgSummary = org ? { id: org.orgId, slug: org.slug, name: org.name } : null;
    if (principal.kind === "api_key") {
      const { key } = principal;
      return {
        kind: "api_key" as const,
        id: key.id,
        name: key.name,
        prefix: key.displayPrefix,
        scopes: key.scopes,
        createdBy: key.createdBy,
        expiresAt: key.expiresAt?.toISOString() ?? null,
        org: orgSummary!,
        permissions,
      };
    }
    const { session } = principal;
    return {
      kind: "user" as const,
      id: session.userId,
      email: session.email,
      displayName: session.displayName,
      org: orgSummary,
      permissions,
    };
  },
});

export const OPTIONS = preflight(["GET"]);
