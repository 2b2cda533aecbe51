/**
 * The API key lookup (drizzle/0012): one call per API request with a key, before the key's org
 * is known, through a reviewed SECURITY DEFINER function that answers for exactly one
 * SHA-256(key) and, in the same round trip, counts the request in the rate-limit buckets of
 * the key, of its org (drizzle/0022) and of the client IP. Calls of concurrent requests share
 * one statement (ADR 014), one function call each, in call order: every request is still looked
 * up and counted once.
 */
import "server-only";
import type postgres from "postgres";
import type { BuiltInRole } from "./schema/org-roles";
import { countedWindow, type WindowCount } from "./rate-limits";
import { batchedCalls } from "./batched-calls";
import { client } from "./client";

export interface ApiKeyRecord {
  id: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  createdBy: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  /** The creator's current role in the key's org; null when they are no longer a member. */
  creatorRole: {
    id: string;
    name: string;
    builtIn: BuiltInRole | null;
    permissions: string[];
  } | null;
}

export interface ApiKeyLookup {
  key: ApiKeyRecord | null;
  /** The key's bucket after this request; null when there is no such key. */
  keyWindow: WindowCount | null;
  /** The IP's bucket after this request; null when no IP bucket was named. */
  ipWindow: WindowCount | null;
  /**
   * The key's org's bucket after this request; null when it was not counted there: no such
   * key, a key that does not work, or one over its own or its IP's budget (drizzle/0022).
   */
  orgWindow: WindowCount | null;
}

interface Row {
  id: string | null;
  org_id: string;
  org_slug: string;
  org_name: string;
  name: string;
  display_prefix: string;
  scopes: string[];
  created_by: string | null;
  // Strings: drizzle's postgres-js driver turns off the client's date parsing.
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  role_id: string | null;
  role_name: string | null;
  role_built_in: BuiltInRole | null;
  role_permissions: string[] | null;
  key_hits: number | null;
  ip_hits: number | null;
  org_hits: number | null;
  /** Seconds until each window ends, on the database's clock (db/rate-limits.ts). */
  key_seconds_left: number | null;
  ip_seconds_left: number | null;
  org_seconds_left: number | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

function toRecord(row: Row & { id: string }): ApiKeyRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    orgSlug: row.org_slug,
    orgName: row.org_name,
    name: row.name,
    displayPrefix: row.display_prefix,
    scopes: row.scopes,
    createdBy: row.created_by,
    expiresAt: date(row.expires_at),
    revokedAt: date(row.revoked_at),
    lastUsedAt: date(row.last_used_at),
    lastUsedIp: row.last_used_ip,
    creatorRole:
      row.role_id === null
        ? null
        : {
            id: row.role_id,
            name: row.role_name ?? "",
            builtIn: row.role_built_in,
            permissions: row.role_permissions ?? [],
          },
  };
}

/** Where the lookup counts the request, and the limits that decide whether the org counts it. */
export interface LookupBuckets {
  key: string;
  keyLimit: number;
  ip: string | null;
  ipLimit: number;
  /** The rule whose bucket of the key's org is counted (the subject is the org's id). */
  orgRule: string;
  windowSeconds: number;
}

interface LookupInput {
  hash: string;
  key_bucket: string;
  key_limit: number;
  ip_bucket: string | null;
  ip_limit: number;
  org_rule: string;
  window_seconds: number;
}

/** A lookup whose concurrent calls share statements on `sql()`'s pool. */
export function apiKeyLookupBatcher(sql: () => postgres.Sql) {
  const lookup = batchedCalls<LookupInput, Row>(async (inputs) => {
    const calls = JSON.stringify(inputs.map((input, i) => ({ ...input, i })));
    const rows = await sql()<(Row & { call: number })[]>`
      select c.i as call, k.*,
        extract(epoch from k.key_window_ends_at - clock_timestamp())::float8 as key_seconds_left,
        extract(epoch from k.ip_window_ends_at - clock_timestamp())::float8 as ip_seconds_left,
        extract(epoch from k.org_window_ends_at - clock_timestamp())::float8 as org_seconds_left
      from jsonb_to_recordset(${calls}::text::jsonb)
        as c(i integer, hash text, key_bucket text, key_limit integer, ip_bucket text,
             ip_limit integer, org_rule text, window_seconds integer)
      cross join lateral app_api_key_lookup(
        decode(c.hash, 'hex'), c.key_bucket, c.key_limit, c.ip_bucket, c.ip_limit, c.org_rule,
        c.window_seconds) k
      order by c.i`;
    if (rows.some((row, i) => row.call !== i))
      throw new Error("app_api_key_lookup rows out of step");
    return rows;
  });
  return async (secretHash: Buffer, buckets: LookupBuckets): Promise<ApiKeyLookup> => {
    const row = await lookup({
      hash: secretHash.toString("hex"),
      key_bucket: buckets.key,
      key_limit: buckets.keyLimit,
      ip_bucket: buckets.ip,
      ip_limit: buckets.ipLimit,
      org_rule: buckets.orgRule,
      window_seconds: buckets.windowSeconds,
    });
    return {
      key: row.id === null ? null : toRecord(row as Row & { id: string }),
      keyWindow: countedWindow(row.key_hits, row.key_seconds_left),
      ipWindow: countedWindow(row.ip_hits, row.ip_seconds_left),
      orgWindow: countedWindow(row.org_hits, row.org_seconds_left),
    };
  };
}

export const lookupApiKey = apiKeyLookupBatcher(() => client().sql);
