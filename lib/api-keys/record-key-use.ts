/**
 * Last use of a key (checklist K7) without a write per request: the lookup returns when the key
 * was last recorded, and only when that is a minute old or more does a request record again,
 * with a conditional UPDATE that one of any number of concurrent requests wins. The winner also
 * audits the use when it comes from a different IP than the last one recorded (or is the first
 * use), so the audit log shows where each key has been used without an entry per request.
 */
import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record-audit";
import { now } from "@/lib/clock";
import type { ActiveApiKey } from "./authenticate-api-key";

export const KEY_USE_INTERVAL_MS = 60_000;

export function keyUseIsDue(key: Pick<ActiveApiKey, "lastUsedAt">, at = now()): boolean {
  return key.lastUsedAt === null || at.getTime() - key.lastUsedAt.getTime() >= KEY_USE_INTERVAL_MS;
}

export async function recordKeyUse(key: ActiveApiKey, ip: string | null): Promise<void> {
  const at = now();
  const staleBefore = new Date(at.getTime() - KEY_USE_INTERVAL_MS);
  await withTenant({ orgId: key.org.id, userId: key.createdBy }, async (tx) => {
    const won = await tx
      .update(apiKeys)
      .set({ lastUsedAt: at, lastUsedIp: ip })
      .where(
        and(
          eq(apiKeys.id, key.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)),
        ),
      )
      .returning({ id: apiKeys.id });
    const firstUse = key.lastUsedAt === null;
    if (won.length === 0 || (!firstUse && key.lastUsedIp === ip)) return;
    await recordAudit(
      tx,
      { orgId: key.org.id, actorId: key.createdBy },
      {
        action: "api_key.used",
        targetType: "api_key",
        targetId: key.id,
        metadata: { name: key.name, prefix: key.displayPrefix, ip, firstUse },
      },
    );
  });
}
