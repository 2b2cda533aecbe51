/**
 * Session lookups that arrive together share one query (ADR 014). Every request still has its
 * session read from Postgres by a query sent after the request arrived (ADR 001): a lookup
 * joins the batch still being collected, never one already sent, so a session deleted before
 * the request came in is never reported alive. Only the round trip is shared.
 *
 * A batch is collected until the event loop's check phase (setImmediate): under load that is
 * every request whose bytes arrived in the same poll; an idle server sends each lookup alone.
 * One statement calls the reviewed app_session_lookup once per hash, so no new SECURITY
 * DEFINER code exists for it. Each answer row carries the hash it was looked up by and is
 * matched back by it; a failed query fails every lookup in its batch.
 */
import "server-only";
import type postgres from "postgres";

export const MAX_BATCH = 64;

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

interface Waiter {
  hex: string;
  resolve: (row: SessionRow | null) => void;
  reject: (error: unknown) => void;
}

type Row = SessionRow & { looked_up_by: string };

/** A lookup function whose concurrent calls share queries on `sql()`'s pool. */
export function sessionLookupBatcher(sql: () => postgres.Sql) {
  let collecting: Waiter[] = [];
  let scheduled = false;

  const take = () => {
    const batch = collecting;
    collecting = [];
    return batch;
  };

  const send = (batch: Waiter[]) => {
    if (batch.length === 0) return;
    const db = sql();
    // One text parameter of comma-separated hex: no array serialization, whose type postgres.js
    // can only infer once a connection has fetched the catalog's types.
    const hexes = [...new Set(batch.map((w) => w.hex))].join(",");
    db<Row[]>`
      select h.hex as looked_up_by, s.*
      from unnest(string_to_array(${hexes}::text, ',')) as h(hex)
      cross join lateral app_session_lookup(decode(h.hex, 'hex')) s`.then(
      (rows) => {
        const found = new Map(rows.map(({ looked_up_by, ...row }) => [looked_up_by, row]));
        for (const w of batch) w.resolve(found.get(w.hex) ?? null);
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  };

  return function lookup(tokenHash: Buffer): Promise<SessionRow | null> {
    return new Promise((resolve, reject) => {
      collecting.push({ hex: tokenHash.toString("hex"), resolve, reject });
      if (collecting.length >= MAX_BATCH) send(take());
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          send(take());
        });
      }
    });
  };
}
