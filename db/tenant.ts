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
 * - BEGIN and the context are pipelined with the first query of `fn` (db/context-transaction.ts).
 *   A callback that returns its queries unawaited (one, or an array run together) costs one
 *   round trip in all, COMMIT included; an async callback one more. Measured in
 *   db/context-transaction.test.ts.
 */
import "server-only";
import { client, type Transaction } from "./client";
import { inContextTransaction, type Results } from "./context-transaction";

export type { Transaction };

type Callback = (tx: Transaction) => Promise<unknown>;

/** The user's own rows (sessions, memberships across orgs), with no organization in context. */
export function withUser<const Q extends readonly PromiseLike<unknown>[]>(
  userId: string,
  fn: (tx: Transaction) => Q,
): Promise<Results<Q>>;
export function withUser<T>(userId: string, fn: (tx: Transaction) => Promise<T>): Promise<T>;
export function withUser(userId: string, fn: (tx: Transaction) => unknown): Promise<unknown> {
  return inContextTransaction(client().sql, { orgId: "", userId }, fn as Callback);
}

export interface TenantContext {
  orgId: string;
  userId: string;
}

export function withTenant<const Q extends readonly PromiseLike<unknown>[]>(
  ctx: TenantContext,
  fn: (tx: Transaction) => Q,
): Promise<Results<Q>>;
export function withTenant<T>(ctx: TenantContext, fn: (tx: Transaction) => Promise<T>): Promise<T>;
export function withTenant(ctx: TenantContext, fn: (tx: Transaction) => unknown): Promise<unknown> {
  return inContextTransaction(
    client().sql,
    { orgId: ctx.orgId, userId: ctx.userId },
    fn as Callback,
  );
}
