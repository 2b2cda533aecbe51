/**
 * The mechanism behind `withUser`/`withTenant` (db/tenant.ts): one transaction on one reserved
 * connection, with BEGIN and the context pipelined in front of the caller's first query.
 *
 * Model: postgres.js writes everything queued on a connection in the same tick as one flight.
 * We queue `begin` and `select set_config('app.org_id', $1, true), set_config('app.user_id',
 * $2, true)` (bound parameters, transaction-local), then call `fn`, whose first query joins
 * that flight. If `fn` returns an unsent drizzle query, or an array of them, COMMIT joins them
 * too: 1 round trip in all; after an async `fn`, COMMIT is one more. The naive sequence (each statement awaited)
 * took 6. db/context-transaction.test.ts counts them on the wire.
 *
 * Invariants:
 * - Order, not timing, guarantees the context: the connection is reserved, so nothing else
 *   runs on it, and Postgres executes what it receives in order. If BEGIN or set_config fails,
 *   every later statement fails too (aborted transaction) and we roll back and throw.
 * - The transaction always ends (COMMIT, or ROLLBACK on any error) before the connection goes
 *   back to the pool, so no setting and no open transaction outlives the call.
 * - `tx` refuses queries once the call is over, so a stray promise cannot run a statement on a
 *   connection that another request has reserved since.
 * - Statements returned as an array are all sent before any answer comes back, so their
 *   atomicity rests on the server: once one fails, Postgres refuses the rest (25P02) and
 *   answers the COMMIT with a ROLLBACK. A statement postgres.js fails to send (a parameter it
 *   cannot serialize) never reaches the server, so the ones after it, COMMIT included, would
 *   still run: pass only values the code itself produced or validated.
 * - Queries in `fn` run as named prepared statements (once per connection and SQL text): an
 *   unprepared statement with parameters would cost postgres.js an extra round trip to
 *   describe it, and would stop pipelining. The set of texts is bounded by the code (an
 *   `inArray` list makes one text per length).
 */
import "server-only";
import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import * as schema from "./schema";
import type { Transaction } from "./client";

export interface ContextSettings {
  /** '' for none: policies read it through nullif(..., '') and match no tenant row. */
  orgId: string;
  userId: string;
}

/** What drizzle's postgres-js session calls on a client inside a transaction. */
interface ScopedClient {
  options: postgres.Sql["options"];
  unsafe: (
    query: string,
    params?: unknown[],
    options?: object,
  ) => postgres.PendingQuery<postgres.Row[]>;
  savepoint: <T>(fn: (client: ScopedClient) => Promise<T>) => Promise<T>;
}

interface Lifecycle {
  open: boolean;
  /**
   * The SQL of the unsent drizzle queries `fn` returned, not yet queued: COMMIT follows the
   * last of them in the same flight.
   */
  commitAfter: string[];
  commit: Promise<unknown> | null;
}

function scopedClient(
  pool: postgres.Sql,
  conn: postgres.ReservedSql,
  state: Lifecycle,
): ScopedClient {
  let savepoints = 0;
  const run = (text: string) => conn.unsafe(text).execute();
  const client: ScopedClient = {
    options: pool.options,
    unsafe: (query, params = [], options = {}) => {
      if (!state.open) throw new Error("This transaction has ended; query inside its callback.");
      const pending: postgres.PendingQuery<postgres.Row[]> = conn.unsafe(
        query,
        params as postgres.ParameterOrJSON<never>[],
        { ...options, prepare: true },
      );
      // Queued now, not when drizzle gets round to awaiting it: the connection runs statements
      // in the order of these calls, so nothing can slip behind a COMMIT queued below.
      pending.execute();
      const awaited = state.commitAfter.indexOf(query);
      if (awaited !== -1) state.commitAfter.splice(awaited, 1);
      if (awaited !== -1 && state.commitAfter.length === 0) {
        // If the query fails, Postgres answers the COMMIT of the aborted transaction with a
        // ROLLBACK. Nothing may run in this transaction after it.
        state.commit = run("commit");
        // Awaited on success; on failure the query's own error is the one that matters.
        state.commit.catch(() => undefined);
        state.open = false;
      }
      return pending;
    },
    // drizzle's nested `tx.transaction()`.
    savepoint: async (fn) => {
      const name = `sp_${savepoints++}`;
      await run(`savepoint ${name}`);
      try {
        const result = await fn(client);
        await run(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await run(`rollback to savepoint ${name}`);
        throw error;
      }
    },
  };
  return client;
}

/**
 * drizzle builds its Transaction object inside `client.begin(callback)`, synchronously from
 * `db.transaction()`. This drizzle instance (one per pool) hands that callback the scoped
 * client of the call in progress; BEGIN and COMMIT are ours.
 */
function transactionFactory(sql: postgres.Sql) {
  let handoff: ScopedClient | null = null;
  const router = {
    options: sql.options,
    begin: (callback: (client: ScopedClient) => unknown) => {
      const client = handoff;
      handoff = null;
      if (!client) throw new Error("transactionFactory: no connection handed over");
      return callback(client);
    },
  };
  const db = drizzle(router as unknown as postgres.Sql, { schema, casing: "snake_case" });
  return <T>(client: ScopedClient, fn: (tx: Transaction) => Promise<T>): Promise<T> => {
    handoff = client;
    return db.transaction(fn);
  };
}

/**
 * The SQL of a drizzle query builder (select, insert, update, delete, relational query, raw
 * execute): a thenable that is not a Promise and runs only when awaited. Null for anything
 * else: an async callback returns a Promise, and gets the ordinary COMMIT after it settles.
 */
function unsentQueryText(value: unknown): string | null {
  if (typeof value !== "object" || value === null || value instanceof Promise) return null;
  const query = value as {
    then?: unknown;
    toSQL?: () => { sql: string };
    getQuery?: () => { sql: string };
  };
  if (typeof query.then !== "function") return null;
  return query.toSQL?.().sql ?? query.getQuery?.().sql ?? null;
}

const factories = new WeakMap<postgres.Sql, ReturnType<typeof transactionFactory>>();

/**
 * The SQL texts of what `fn` returned, if it was one unsent drizzle query or an array of them
 * (run together, results in order); null otherwise.
 */
function unsentQueryTexts(value: unknown): string[] | null {
  const items = Array.isArray(value) ? value : [value];
  const texts = items.map(unsentQueryText);
  return items.length > 0 && texts.every((t) => t !== null) ? (texts as string[]) : null;
}

/** Queries returned unawaited as an array: sent together, results in the same order. */
export type Results<Q extends readonly PromiseLike<unknown>[]> = {
  -readonly [K in keyof Q]: Awaited<Q[K]>;
};

export function inContextTransaction<const Q extends readonly PromiseLike<unknown>[]>(
  sql: postgres.Sql,
  settings: ContextSettings,
  fn: (tx: Transaction) => Q,
): Promise<Results<Q>>;
export function inContextTransaction<T>(
  sql: postgres.Sql,
  settings: ContextSettings,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T>;
export async function inContextTransaction(
  sql: postgres.Sql,
  settings: ContextSettings,
  fn: (tx: Transaction) => unknown,
): Promise<unknown> {
  let factory = factories.get(sql);
  if (!factory) factories.set(sql, (factory = transactionFactory(sql)));
  const conn = await sql.reserve();
  const state: Lifecycle = { open: true, commitAfter: [], commit: null };
  try {
    const opening = Promise.all([
      conn.unsafe("begin").execute(),
      conn`select set_config('app.org_id', ${settings.orgId}, true), set_config('app.user_id', ${settings.userId}, true)`.execute(),
    ]);
    const openingError = opening.then(
      () => null,
      (error: unknown) => error ?? new Error("BEGIN failed"),
    );
    try {
      const result = await factory(scopedClient(sql, conn, state), async (tx) => {
        const returned = fn(tx);
        // Not yet sent (drizzle queries run when awaited): they are the last statements.
        state.commitAfter = unsentQueryTexts(returned) ?? [];
        return Array.isArray(returned) ? Promise.all(returned) : returned;
      });
      const failed = await openingError;
      if (failed) throw failed;
      state.open = false;
      await (state.commit ?? conn.unsafe("commit").execute());
      return result;
    } catch (error) {
      state.open = false;
      // Fails only when the connection is gone, and its session (and transaction) with it.
      await conn
        .unsafe("rollback")
        .execute()
        .catch(() => undefined);
      // A failed BEGIN or set_config explains the statements after it that failed with 25P02.
      throw (await openingError) ?? error;
    }
  } finally {
    state.open = false;
    conn.release();
  }
}
