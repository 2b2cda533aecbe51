/**
 * The audit log page's query string, validated: who (a current member's id), what (an action
 * from the closed list), when (whole days in UTC, both ends included) and where in the list
 * (a keyset cursor). A bad value is a message for the page, never an error page.
 */
import { z } from "zod";
import { encodeKeysetCursor, parseKeysetCursor, type KeysetCursor } from "@/lib/keyset-cursor";
import { AUDIT_ACTIONS, type AuditAction } from "./audit-actions";

/** A position in the list: an entry's exact time (microseconds, UTC) and id, the sort key. */
export type AuditCursor = KeysetCursor;

export interface AuditFilters {
  actor: string | null;
  action: AuditAction | null;
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  from: string | null;
  to: string | null;
  /** Entries older than this cursor (the "Older" link) or newer than it ("Newer"). */
  before: AuditCursor | null;
  after: AuditCursor | null;
}

export const FILTER_FIELDS = ["actor", "action", "from", "to", "before", "after"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

const cursorSchema = z.string().transform((value, ctx): AuditCursor => {
  const cursor = parseKeysetCursor(value);
  if (!cursor) {
    ctx.addIssue({
      code: "custom",
      message: "This page link is not valid. Start again from the newest entries.",
    });
    return z.NEVER;
  }
  return cursor;
});

export function encodeCursor(cursor: AuditCursor): string {
  return encodeKeysetCursor(cursor);
}

/** A real calendar day as YYYY-MM-DD (what <input type="date"> submits). */
const daySchema = z.iso
  .date({ message: "Enter a date as YYYY-MM-DD." })
  .refine((d) => d >= "2000-01-01" && d <= "9999-12-30", "Enter a date between 2000 and 9999.");

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** The schema for one org: the actor must be one of `memberIds` (the org's current members). */
export function auditFiltersSchema(memberIds: readonly string[]) {
  const actions = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
  return z
    .object({
      actor: optional(
        z.string().refine((id) => memberIds.includes(id), "Choose a member of this organization."),
      ),
      action: optional(z.enum(actions, { message: "Choose an action from the list." })),
      from: optional(daySchema),
      to: optional(daySchema),
      before: optional(cursorSchema),
      after: optional(cursorSchema),
    })
    .superRefine((f, ctx) => {
      if (f.from && f.to && f.from > f.to) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: "The end date is before the start date.",
        });
      }
      if (f.before && f.after) {
        ctx.addIssue({ code: "custom", path: ["after"], message: "This page link is not valid." });
      }
    });
}

export type FilterResult =
  { ok: true; filters: AuditFilters } | { ok: false; errors: Partial<Record<FilterField, string>> };

/** Next's searchParams to filters. A repeated parameter is an error, not a silent pick. */
export function parseAuditFilters(
  params: Record<string, string | string[] | undefined>,
  memberIds: readonly string[],
): FilterResult {
  const errors: Partial<Record<FilterField, string>> = {};
  const raw: Partial<Record<FilterField, string>> = {};
  for (const field of FILTER_FIELDS) {
    const value = params[field];
    if (Array.isArray(value)) errors[field] = "Give this filter one value.";
    else if (value !== undefined) raw[field] = value;
  }
  const parsed = auditFiltersSchema(memberIds).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FilterField;
      errors[field] ??= issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const f = parsed.data;
  return {
    ok: true,
    filters: {
      actor: f.actor ?? null,
      action: f.action ?? null,
      from: f.from ?? null,
      to: f.to ?? null,
      before: f.before ?? null,
      after: f.after ?? null,
    },
  };
}

/** The query string for a page of the log: the filters, plus at most one cursor. */
export function auditQueryString(
  filters: Partial<Record<"actor" | "action" | "from" | "to", string | null>>,
  cursor?: { before: AuditCursor } | { after: AuditCursor },
): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor && "before" in cursor) params.set("before", encodeCursor(cursor.before));
  if (cursor && "after" in cursor) params.set("after", encodeCursor(cursor.after));
  const query = params.toString();
  return query ? `?${query}` : "";
}
