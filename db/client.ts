/**
 * The runtime connection pool, as `app_user`. Only db/ modules import this file (lint rule):
 * app code reaches data through `withUser`/`withTenant` (db/tenant.ts) or the reviewed
 * pre-authentication lookups (db/lookups.ts), never through the raw pool.
 */
import "server-only";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

function createClient() {
  const { DATABASE_APP_URL, DATABASE_POOL_MAX } = env();
  const sql = postgres(DATABASE_APP_URL, {
    max: DATABASE_POOL_MAX,
    idle_timeout: 30,
    onnotice: () => {},
    // Statement logging is off: parameters include emails and password hashes.
    debug: false,
  });
  return { sql, db: drizzle(sql, { schema, casing: "snake_case" }) };
}

type Client = ReturnType<typeof createClient>;

// One pool per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { __appDb?: Client };

export function client(): Client {
  globalForDb.__appDb ??= createClient();
  return globalForDb.__appDb;
}

export type Database = Client["db"];
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
