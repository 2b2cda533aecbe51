/**
 * Session lookups of concurrent requests in one statement (ADR 014, through db/batched-calls):
 * the reviewed app_session_lookup once per distinct hash. No new SECURITY DEFINER code exists
 * for it. Each answer row carries the hash it was looked up by and is matched back by it.
 */
import "server-only";
import type postgres from "postgres";
import { batchedCalls } from "./batched-calls";

export interface SessionRow {
  user_id: string;
  email: string;
  display_name: string | null;
  // Strings: drizzle's postgres-js driver turns off the client's date parsing.
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  authenticated_at: string;
  session_id: string;
  email_verified_at: string | null;
}

type Row = SessionRow & { looked_up_by: string };

/** A lookup whose concurrent calls share statements on `sql()`'s pool. */
export function sessionLookupBatcher(sql: () => postgres.Sql) {
  const lookup = batchedCalls<string, SessionRow | null>(async (hexes) => {
    const db = sql();
    // One text parameter of comma-separated hex: no array serialization, whose type postgres.js
    // can only infer once a connection has fetched the catalog's types.
    const rows = await db<Row[]>`
      select h.hex as looked_up_by, s.*
      from unnest(string_to_array(${[...new Set(hexes)].join(",")}::text, ',')) as h(hex)
      cross join lateral app_session_lookup(decode(h.hex, 'hex')) s`;
    const found = new Map(rows.map(({ looked_up_by, ...row }) => [looked_up_by, row]));
    return hexes.map((hex) => found.get(hex) ?? null);
  });
  return (tokenHash: Buffer) => lookup(tokenHash.toString("hex"));
}
