/**
 * The only way to run queries that touch RLS-protected rows (ADR 002).
 *
 * Invariants:
 * - Context is set with `set_config(name, $value, true)`: bound parameters, transaction-local,
 *   so it can never leak to the next request that borrows the pooled connection.
 * - Everything inside `fn` runs in that one transaction; when it ends, the settings are gone
 *   and every policy sees NULL, which matches no row (fail closed).
 * - `withTenant` sets the organization and the acting user together, in one statement. Call
 *   it only after checking membership (lib/orgs/membership.ts): RLS isolates tenants, it does
 *   not decide who may act in one.
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

export interface TenantContext {
  orgId: string;
  userId: string;
}

export async function withTenant<T>(
  ctx: TenantContext,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return client().db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.org_id', ${ctx.orgId}, true), set_config('app.user_id', ${ctx.userId}, true)`,
    );
    return fn(tx);
  });
}
