/**
 * API key authentication (checklist K1-K4, ADR 010). One lookup by SHA-256(key) returns the key
 * and its creator's current role in the key's org, and counts the request in the rate-limit
 * buckets, all in one round trip. The key then acts as its creator, narrowed to its scopes:
 * effective permission = scopes ∩ the creator's permissions now. Everything is decided here on
 * every request, nothing is cached: a revoked or expired key, or one whose creator has left the
 * org (or deleted their account), is refused on its next request, and a demoted creator's keys
 * lose what the creator lost at once.
 */
import "server-only";
import { lookupApiKey, type ApiKeyLookup, type LookupBuckets } from "@/db/api-key-lookup";
import { isPermission, rolePermissions, type Permission } from "@/lib/authz/permissions";
import { now } from "@/lib/clock";
import { hashApiKey, isApiKeyShaped } from "./api-key-token";

export interface ActiveApiKey {
  id: string;
  name: string;
  displayPrefix: string;
  org: { id: string; slug: string; name: string };
  /** The creator, as whom the key acts (audit entries name them, with the key's id). */
  createdBy: string;
  scopes: Permission[];
  /** The creator's permissions in the org right now; the key holds scopes ∩ these. */
  creatorPermissions: Permission[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
}

export type ApiKeyRefusal = "malformed" | "unknown" | "revoked" | "expired" | "creator_left";

export type ApiKeyCheck = { ok: true; key: ActiveApiKey } | { ok: false; reason: ApiKeyRefusal };

/**
 * The rate-limit buckets the lookup counts the request in (lib/rate-limit's key format): the
 * key's (by its hash; counted only if the key exists), the client IP's (null when unknown) and
 * the key's org's, with the limits that decide whether the org counts it (db/api-key-lookup.ts).
 */
export type KeyBuckets = Omit<LookupBuckets, "key"> & { key: (secretHash: Buffer) => string };

export type KeyAuthentication = { check: ApiKeyCheck } & Pick<
  ApiKeyLookup,
  "keyWindow" | "ipWindow" | "orgWindow"
>;

export async function authenticateApiKey(
  presented: string,
  buckets: KeyBuckets,
): Promise<KeyAuthentication | null> {
  // The shape is public; a string that cannot be a key costs no database round trip (and so
  // counts nothing: the caller counts the IP itself).
  if (!isApiKeyShaped(presented)) return null;
  const secretHash = hashApiKey(presented);
  const found = await lookupApiKey(secretHash, { ...buckets, key: buckets.key(secretHash) });
  const { keyWindow, ipWindow, orgWindow } = found;
  const refuse = (reason: ApiKeyRefusal) => ({
    check: { ok: false as const, reason },
    keyWindow,
    ipWindow,
    orgWindow,
  });
  const record = found.key;
  if (!record) return refuse("unknown");
  if (record.revokedAt !== null) return refuse("revoked");
  if (record.expiresAt !== null && record.expiresAt <= now()) return refuse("expired");
  if (record.createdBy === null || record.creatorRole === null) return refuse("creator_left");
  const key: ActiveApiKey = {
    id: record.id,
    name: record.name,
    displayPrefix: record.displayPrefix,
    org: { id: record.orgId, slug: record.orgSlug, name: record.orgName },
    createdBy: record.createdBy,
    scopes: record.scopes.filter(isPermission),
    creatorPermissions: rolePermissions(record.creatorRole),
    expiresAt: record.expiresAt,
    lastUsedAt: record.lastUsedAt,
    lastUsedIp: record.lastUsedIp,
  };
  return { check: { ok: true, key }, keyWindow, ipWindow, orgWindow };
}
