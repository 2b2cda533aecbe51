/**
 * Session lookups of concurrent requests in one statement (ADR 014, through db/batched-calls):
 * the reviewed app_session_lookup once per distinct hash. No new SECURITY DEFINER code exists
 * for it. Each answer row carries the hash it was looked up by and is matched back by it.
 *
 * The API's lookups (apiSessionLookupBatcher) may also count requests in their user's
 * rate-limit bucket (app_api_session_lookup, drizzle/0022 and 0023: `cost` of them, 0 for none),
 * so they make one function call per request, in call order, like the API key lookups: a hash
 * asked twice is counted twice.
 */
import "server-only";
import type postgres from "postgres";
import { batchedCalls } from "./batched-calls";
import { countedWindow, type WindowCount } from "./rate-limits";

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

export interface ApiSessionLookup {
  session: SessionRow | null;
  /** The user's bucket after counting `cost`; null without such a session or with cost 0. */
  userWindow: WindowCount | null;
}

type ApiRow = SessionRow & {
  call: number;
  user_hits: number | null;
  user_seconds_left: number | null;
};

/** The API's counted lookup; its concurrent calls share statements on `sql()`'s pool. */
export function apiSessionLookupBatcher(sql: () => postgres.Sql) {
  const lookup = batchedCalls<
    { hash: string; rule: string; window_seconds: number; cost: number },
    ApiRow | null
  >(async (inputs) => {
    const calls = JSON.stringify(inputs.map((input, i) => ({ ...input, i })));
    const rows = await sql()<ApiRow[]>`
      select c.i as call, s.user_id, s.email, s.display_name, s.created_at, s.last_seen_at,
        s.expires_at, s.authenticated_at, s.session_id, s.email_verified_at, s.user_hits,
        extract(epoch from s.user_window_ends_at - clock_timestamp())::float8 as user_seconds_left
      from jsonb_to_recordset(${calls}::text::jsonb)
        as c(i integer, hash text, rule text, window_seconds integer, cost integer)
      cross join lateral app_api_session_lookup(
        decode(c.hash, 'hex'), c.rule, c.window_seconds, c.cost) s
      order by c.i`;
    // Zero rows for a call whose session does not exist: answers are matched by call number.
    const found = new Map(rows.map((row) => [row.call, row]));
    return inputs.map((_, i) => found.get(i) ?? null);
  });
  return async (
    tokenHash: Buffer,
    bucket: { rule: string; windowSeconds: number; cost: number },
  ): Promise<ApiSessionLookup> => {
    const row = await lookup({
      hash: tokenHash.toString("hex"),
      rule: bucket.rule,
      window_seconds: bucket.windowSeconds,
      cost: bucket.cost,
    });
    if (!row) return { session: null, userWindow: null };
    const { call: _call, user_hits, user_seconds_left, ...session } = row;
    return {
      session,
      userWindow: countedWindow(user_hits, user_seconds_left),
    };
  };
}
