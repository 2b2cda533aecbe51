/**
 * Reading an org's audit log: newest first, 50 a page, keyset pagination on (created_at, id),
 * the order of the index audit_log_org_id_created_at_idx. A cursor holds the exact time to
 * the microsecond (a JS Date would round it), so entries with equal times are neither skipped
 * nor repeated. Row-level security limits every query to the org in context.
 */
import "server-only";
import { and, asc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { auditLog, memberships, users } from "@/db/schema";
import { withTenant, type TenantContext, type Transaction } from "@/db/tenant";
import { cursorSql, cursorTimeSql } from "@/lib/keyset-cursor";
import type { AuditCursor, AuditFilters } from "./audit-filters";

export const AUDIT_PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuditActor {
  id: string;
  label: string;
}

export interface AuditEntryView {
  id: string;
  createdAt: Date;
  cursor: AuditCursor;
  /** The member's name or email; null when the actor left the org or the account is gone. */
  actor: { kind: "member"; label: string } | { kind: "former" } | { kind: "deleted" };
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Cursors for the "Newer" and "Older" links; null when there is nothing that way. */
  newer: AuditCursor | null;
  older: AuditCursor | null;
}

/** The org's current members, for the actor filter. */
export async function listAuditActors(ctx: TenantContext): Promise<AuditActor[]> {
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: users.id, email: users.email, name: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, ctx.orgId))
      .orderBy(asc(sql`lower(coalesce(${users.displayName}, ${users.email}))`)),
  );
  return rows.map((r) => ({ id: r.id, label: r.name || r.email }));
}

const position = sql`(${auditLog.createdAt}, ${auditLog.id})`;

function filterConditions(f: AuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (f.actor) conditions.push(eq(auditLog.actorId, f.actor));
  if (f.action) conditions.push(eq(auditLog.action, f.action));
  if (f.from) conditions.push(gte(auditLog.createdAt, new Date(`${f.from}T00:00:00Z`)));
  if (f.to)
    conditions.push(lt(auditLog.createdAt, new Date(Date.parse(`${f.to}T00:00:00Z`) + DAY_MS)));
  return conditions;
}

const columns = {
  id: auditLog.id,
  createdAt: auditLog.createdAt,
  cursorTime: cursorTimeSql(auditLog.createdAt),
  actorId: auditLog.actorId,
  // Null unless the actor is still a member: RLS shows users only to fellow members.
  actorEmail: users.email,
  actorName: users.displayName,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  ip: auditLog.ip,
  userAgent: auditLog.userAgent,
  metadata: auditLog.metadata,
};

interface Row {
  id: string;
  createdAt: Date;
  cursorTime: string;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
}

function toView({ cursorTime, actorId, actorEmail, actorName, ...entry }: Row): AuditEntryView {
  const actor: AuditEntryView["actor"] =
    actorId === null
      ? { kind: "deleted" }
      : actorEmail === null
        ? { kind: "former" }
        : { kind: "member", label: actorName || actorEmail };
  return { ...entry, cursor: { time: cursorTime, id: entry.id }, actor };
}

async function exists(tx: Transaction, conditions: SQL[]): Promise<boolean> {
  const rows = await tx
    .select({ one: sql`1` })
    .from(auditLog)
    .where(and(...conditions))
    .limit(1);
  return rows.length > 0;
}

/**
 * Exactly the index's order (created_at DESC NULLS LAST, id DESC NULLS LAST), or its reverse
 * for "Newer". A plain DESC means NULLS FIRST, which the index does not match: Postgres would
 * then read and sort the org's whole log for every page.
 */
const NEWEST_FIRST = [
  sql`${auditLog.createdAt} desc nulls last`,
  sql`${auditLog.id} desc nulls last`,
];
const OLDEST_FIRST = [
  sql`${auditLog.createdAt} asc nulls first`,
  sql`${auditLog.id} asc nulls first`,
];

/**
 * The rows of one page plus one (to know whether there are more), walking away from the cursor:
 * older entries newest first, or ("after") newer entries oldest first. Exported for the plan test.
 */
export function pageQuery(tx: Transaction, filters: AuditFilters) {
  const conditions = filterConditions(filters);
  if (filters.after) conditions.push(sql`${position} > ${cursorSql(filters.after)}`);
  else if (filters.before) conditions.push(sql`${position} < ${cursorSql(filters.before)}`);
  return tx
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(...(filters.after ? OLDEST_FIRST : NEWEST_FIRST))
    .limit(AUDIT_PAGE_SIZE + 1);
}

/** One page of the org's audit log, newest first, after the filters and the cursor. */
export async function listAuditEntries(
  ctx: TenantContext,
  filters: AuditFilters,
): Promise<AuditPage> {
  return withTenant(ctx, async (tx) => {
    const base = filterConditions(filters);
    const forward = filters.after === null; // "after" walks towards newer entries
    const cursor = filters.after ?? filters.before;
    const rows = await pageQuery(tx, filters);
    const more = rows.length > AUDIT_PAGE_SIZE;
    const page = rows.slice(0, AUDIT_PAGE_SIZE);
    if (!forward) page.reverse();
    const entries = page.map(toView);
    const first = entries[0]?.cursor;
    const last = entries.at(-1)?.cursor;
    if (!first || !last) return { entries, newer: null, older: null };
    // Beyond the page in the direction we came from, there is something iff a row exists.
    const newer = forward
      ? cursor && (await exists(tx, [...base, sql`${position} > ${cursorSql(first)}`]))
      : more;
    const older = forward
      ? more
      : await exists(tx, [...base, sql`${position} < ${cursorSql(last)}`]);
    return { entries, newer: newer ? first : null, older: older ? last : null };
  });
}
