/**
 * API keys for e2e tests, written straight into the database as the runtime role (RLS applies),
 * in the app's format: `sk_live_` + 40 base62 characters; only SHA-256 of the key is stored.
 */
import { createHash, randomInt } from "node:crypto";
import { asTenant, type TestOrg } from "./fixtures";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomKeyString(): string {
  let body = "";
  for (let i = 0; i < 40; i++) body += BASE62[randomInt(62)];
  return `sk_live_${body}`;
}

export interface TestApiKey {
  id: string;
  key: string;
  displayPrefix: string;
}

export async function createApiKey(
  org: TestOrg,
  createdBy: string,
  scopes: string[],
  { expiresAt = null, name = "e2e key" }: { expiresAt?: Date | null; name?: string } = {},
): Promise<TestApiKey> {
  const key = randomKeyString();
  const displayPrefix = key.slice(0, 16);
  const hash = createHash("sha256").update(key).digest();
  const rows = await asTenant(
    org.id,
    createdBy,
    (tx) => tx`
      insert into api_keys (org_id, name, display_prefix, secret_hash, scopes, created_by, expires_at)
      values (${org.id}, ${name}, ${displayPrefix}, ${hash}, ${scopes}, ${createdBy}, ${expiresAt})
      returning id`,
  );
  return { id: rows[0]!.id as string, key, displayPrefix };
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
