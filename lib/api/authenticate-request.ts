/**
 * The API's two ways in (ADR 010). `Authorization: Bearer <key>` is decided by the key alone:
 * when the header is present, cookies are ignored, and a bad key is 401, never a fallback to
 * the session. Without the header, the session cookie is read from the request and validated
 * against Postgres like on every page; the wrapper has already refused cross-site writes.
 */
import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { findApiSessionByTokenHash } from "@/db/lookups";
import { checkSession, type ValidSession } from "@/lib/auth/session";
import { SESSION_COOKIE, unsealSessionToken } from "@/lib/auth/session-cookie";
import { hashToken } from "@/lib/auth/session-token";
import { getMembership } from "@/lib/orgs/membership";
import { orgSlugSchema } from "@/lib/orgs/slug";
import { ApiError } from "./api-error";
import {
  countIp,
  ipRule,
  keyBuckets,
  keyRule,
  orgRule,
  userRule,
  verdictOf,
  type RateVerdict,
} from "./api-rate-limit";
import { keyOrgAccess, type OrgAccess, type Principal } from "./principal";
import { budgetLeases } from "./budget-leases";

const BEARER = /^Bearer +(\S+) *$/i;

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

export interface Authentication {
  /** The caller, or null when no credentials were sent or they are not valid. */
  principal: Principal | null;
  /** The client IP's budget after this request (null when the IP is unknown). */
  ipLimit: RateVerdict | null;
  /**
   * The caller's own budget after this request: the key's, or the signed-in user's (every
   * session of theirs together); null without a key or a live session.
   */
  callerLimit: RateVerdict | null;
  /** The key's org's budget; null for a session (the org it names is counted in admitOrg). */
  orgLimit: RateVerdict | null;
}

/**
 * Authenticates the request and counts it against the rate limits, in one round trip for a
 * key (the lookup counts the key, its org and the IP) and in two parallel ones for a session
 * (its lookup, which reserves the user's next requests when this instance holds none left
 * (lib/api/budget-leases.ts), and the IP when it is known).
 */
export async function authenticateRequest(
  request: Request,
  ip: string | null,
): Promise<Authentication> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const presented = BEARER.exec(authorization)?.[1];
    const found = presented ? await authenticateApiKey(presented, keyBuckets(ip)) : null;
    if (!found) {
      return { principal: null, ipLimit: await countIp(ip), callerLimit: null, orgLimit: null };
    }
    const { check } = found;
    return {
      principal: check.ok ? { kind: "api_key", userId: check.key.createdBy, key: check.key } : null,
      ipLimit: verdictOf(ipRule(), found.ipWindow),
      callerLimit: verdictOf(keyRule(), found.keyWindow),
      orgLimit: verdictOf(orgRule(), found.orgWindow),
    };
  }
  const [{ session, userLimit }, ipLimit] = await Promise.all([sessionFrom(request), countIp(ip)]);
  return {
    principal: session ? { kind: "user", userId: session.userId, session } : null,
    ipLimit,
    callerLimit: userLimit,
    orgLimit: null,
  };
}

/** The user budgets of this process's cookie calls, reserved a few requests at a time. */
const userBudgets = budgetLeases();

/** The session, checked like every page's (expiry, touch), and its user's budget. */
async function sessionFrom(
  request: Request,
): Promise<{ session: ValidSession | null; userLimit: RateVerdict | null }> {
  const token = await unsealSessionToken(
    cookieValue(request.headers.get("cookie"), SESSION_COOKIE),
  );
  if (!token) return { session: null, userLimit: null };
  const tokenHash = hashToken(token);
  const hashKey = tokenHash.toString("hex");
  const rule = userRule();
  const counted = { cost: userBudgets.costFor(hashKey, rule), sentAt: Date.now() };
  const found = await findApiSessionByTokenHash(tokenHash, {
    rule: rule.name,
    windowSeconds: rule.windowSeconds,
    cost: counted.cost,
  });
  const session = found.session ? await checkSession(found.session, tokenHash) : null;
  if (!session) return { session: null, userLimit: null };
  const result = await userBudgets.admit(
    session.userId,
    rule,
    { ...counted, window: found.userWindow },
    hashKey,
  );
  return { session, userLimit: { rule, result } };
}

/**
 * The org the request acts in. A key's is fixed; an `X-Org` header, if sent with a key, must
 * name it. A signed-in user names the org by its slug in `X-Org`, and membership is checked in
 * the database each time; a non-member gets the same 404 as a slug that does not exist.
 */
export async function resolveOrg(
  principal: Principal,
  orgHeader: string | null,
  required: boolean,
): Promise<OrgAccess | null> {
  if (principal.kind === "api_key") {
    if (orgHeader !== null && orgHeader !== principal.key.org.slug) {
      throw new ApiError(
        "forbidden",
        "This API key belongs to another organization. Leave out X-Org: a key acts in its own organization.",
      );
    }
    return keyOrgAccess(principal.key);
  }
  if (orgHeader === null) {
    if (!required) return null;
    throw new ApiError(
      "invalid-request",
      "Name the organization in an X-Org header (its slug) when calling with a session cookie.",
    );
  }
  const slug = orgSlugSchema.safeParse(orgHeader);
  const membership = slug.success ? await getMembership(principal.userId, slug.data) : null;
  if (!membership)
    throw new ApiError("not-found", "No organization with this slug that you belong to.");
  return {
    orgId: membership.orgId,
    slug: membership.slug,
    name: membership.name,
    userId: membership.userId,
    permissions: membership.permissions,
    scopes: null,
  };
}
