/**
 * Where the scripts get their database: DATABASE_URL (an owner or admin URL) when set,
 * otherwise the embedded Postgres under .data/. Local passwords and the development session
 * secret are generated once and kept in .data/ (git-ignored).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded";
import {
  bootstrapCluster,
  migrateDatabase,
  RUNTIME_ROLE,
  setRuntimeLogin,
  withCredentials,
} from "@/db/provision";

export const DATA_DIR = path.resolve(import.meta.dirname, "../.data");

interface LocalSecrets {
  ownerPassword: string;
  appPassword: string;
  sessionSecret: string;
}

export function localSecrets(): LocalSecrets {
  const file = path.join(DATA_DIR, "local-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets: LocalSecrets = {
    ownerPassword: randomBytes(18).toString("base64url"),
    appPassword: randomBytes(18).toString("base64url"),
    sessionSecret: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export interface ReadyDatabase {
  ownerUrl: string;
  appUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export function loadDotEnv(): void {
  const file = path.resolve(import.meta.dirname, "../.env");
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Migrated and ready: the owner URL for scripts, the runtime URL for the app. */
export async function prepareDatabase(log: (line: string) => void): Promise<ReadyDatabase> {
  const external = process.env.DATABASE_URL;
  if (process.env.NODE_ENV === "production" && (!external || !process.env.DATABASE_APP_URL)) {
    throw new Error(
      "In production, set both DATABASE_URL (owner, for migrations) and DATABASE_APP_URL (app_user): " +
        "the embedded database and generated passwords are for development only.",
    );
  }
  const secrets = localSecrets();
  if (external) {
    await migrateDatabase(external);
    const configured = process.env.DATABASE_APP_URL;
    const appPassword = configured
      ? decodeURIComponent(new URL(configured).password)
      : secrets.appPassword;
    if (appPassword) await setRuntimeLogin(external, appPassword);
    const appUrl = configured ?? withCredentials(external, RUNTIME_ROLE, appPassword);
    log(`Database: ${new URL(external).host} (DATABASE_URL), migrated.`);
    return { ownerUrl: external, appUrl, embedded: false, stop: async () => {} };
  }
  log("Database: starting embedded Postgres in .data/ …");
  const cluster = await startEmbeddedPostgres(path.join(DATA_DIR, "dev"));
  const { ownerUrl, appUrl } = await bootstrapCluster(cluster.adminUrl(), "app", {
    owner: secrets.ownerPassword,
    app: secrets.appPassword,
  });
  await migrateDatabase(ownerUrl);
  log(`Database: embedded Postgres on ${new URL(appUrl).host}, migrated.`);
  return { ownerUrl, appUrl, embedded: true, stop: cluster.stop };
}
