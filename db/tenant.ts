/**
 * The only way to run queries that touch RLS-protected rows (ADR 002).
 *
 * Invariants:
 * - Context is set with `set_config(name, $value, true)`: bound parameters, transaction-local,
 *   so it can never leak to the next request that borrows the pooled connection.
 * - Everything inside `fn` runs in that one transaction; when it ends, the settings are gone
 *   and every policy sees NULL, which matches no row (fail closed).
 * - `withTenant` (organization context) arrives with the organizations issue; the user-level
 *   context below is what accounts and sessions need.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { client, type Transaction } from "./client";

export type { Transaction };

export async function withUser<T>(userId: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return client().db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`);
    return fn(tx);
  });
}
