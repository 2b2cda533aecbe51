/**
 * Writes one audit entry, inside the caller's tenant transaction so the entry commits or rolls
 * back with the change it records. The table is append-only for the runtime role (no UPDATE
 * or DELETE grant). Metadata must never hold secrets: names, roles and ids only.
 */
import "server-only";
import { auditLog } from "@/db/schema";
import type { Transaction } from "@/db/tenant";
import { requestMeta } from "@/lib/request-meta";
import type { AuditAction } from "./audit-actions";

export interface AuditEvent {
  action: AuditAction;
  targetType?:
    "organization" | "member" | "invitation" | "role" | "project" | "permission" | "api_key";
  targetId?: string | null;
  metadata?: Record<string, unknown>;
}

export async function recordAudit(
  tx: Transaction,
  who: { orgId: string; actorId: string | null },
  event: AuditEvent,
): Promise<void> {
  // Outside a request (seed scripts, tests) there is no client to record.
  const { ip, userAgent } = await requestMeta().catch(() => ({ ip: null, userAgent: null }));
  await tx.insert(auditLog).values({
    orgId: who.orgId,
    actorId: who.actorId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ip,
    userAgent: userAgent?.slice(0, 512) ?? null,
    metadata: event.metadata ?? {},
  });
}
