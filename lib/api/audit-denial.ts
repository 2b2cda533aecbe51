import "server-only";
import { withTenant } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Permission } from "@/lib/authz/permissions";
import { errorFields, log } from "@/lib/log";
import type { OrgAccess, Principal } from "./principal";

/**
 * Z12: an API call refused for lack of a permission is logged and audited in the org, as the
 * acting user, naming the key when one was used. A failure to audit is logged, not thrown: the
 * caller gets its 403 either way.
 */
export async function auditDenial(
  principal: Principal,
  org: OrgAccess,
  permission: Permission,
): Promise<void> {
  const apiKeyId = principal.kind === "api_key" ? principal.key.id : undefined;
  log("warn", "authz.denied", { userId: org.userId, orgId: org.orgId, permission, apiKeyId });
  try {
    await withTenant({ orgId: org.orgId, userId: org.userId }, (tx) =>
      recordAudit(
        tx,
        { orgId: org.orgId, actorId: org.userId },
        {
          action: "authz.denied",
          targetType: "permission",
          targetId: permission,
          metadata: apiKeyId ? { apiKeyId } : { via: "api" },
        },
      ),
    );
  } catch (error) {
    log("error", "audit.failed", errorFields(error));
  }
}
