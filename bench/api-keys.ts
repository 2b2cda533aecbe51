/**
 * API keys against the session cookie (issue 6), side by side in one run:
 * 1. GET /api/v1/me with a key (a) against the same with the session cookie (b).
 * 2. GET /api/v1/projects (20 of 50 projects) with a key (a) against the cookie + X-Org (b).
 * 3. GET /api/v1/me with an unknown, well-formed key (a, answered 401 after its lookup) against a
 *    valid key (b): a rejection must cost no more than serving.
 * Targets: 1 and 2 a/b req/s >= 0.95; 3 >= 1.0. Each side must answer only its expected status.
 *
 * Every side sends many credentials in turn: the keys of as many clients as there are session
 * users, and those users' cookies (each a member of the org). One credential sent over and over
 * is not real traffic, and it flatters the cookie side: concurrent lookups of the same session
 * share one row of a batch (ADR 014), while every key request is looked up and counted on its own.
 * The server runs with per-caller (key or user) and per-org rate limits high enough never to
 * refuse: the limiter still counts every request in Postgres, which is part of what is measured.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import type postgres from "postgres";
import type { SessionUser } from "./fixtures";
import { comparisonTable } from "./report";
import { sideBySide, type Comparison, type Endpoint } from "./side-by-side";

export const API_BENCH_ENV = {
  API_RATE_LIMIT_PER_MINUTE: "1000000000",
  API_ORG_RATE_LIMIT_PER_MINUTE: "1000000000",
};

type Headers = Record<string, string>;

export interface ApiBenchSetup {
  /** One Authorization header per key. */
  keys: Headers[];
  unknownKeys: Headers[];
  /** One Cookie header per user. */
  cookies: Headers[];
  /** The same users' cookies with X-Org naming the org. */
  orgCookies: Headers[];
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const keyString = () =>
  `sk_live_${Array.from({ length: 40 }, () => BASE62[randomInt(62)]).join("")}`;
const bearer = (key: string): Headers => ({ Authorization: `Bearer ${key}` });

/**
 * An org owned by the first user with the others as members, 50 projects, and one key per
 * user, written as the runtime role.
 */
export async function prepareApiBench(
  sql: postgres.Sql,
  users: SessionUser[],
): Promise<ApiBenchSetup> {
  const [owner, ...members] = users;
  if (!owner) throw new Error("prepareApiBench needs at least one session user");
  const orgId = crypto.randomUUID();
  const slug = `bench-api-${randomBytes(4).toString("hex")}`;
  const keys = users.map(keyString);
  await sql.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${owner.id}, true)`;
    await tx`insert into organizations (id, name, slug) values (${orgId}, 'Bench API', ${slug})`;
    await tx`insert into memberships (org_id, user_id, role_id)
      select ${orgId}, ${owner.id}, id from org_roles where org_id = ${orgId} and built_in = 'owner'`;
    for (const member of members) {
      await tx`insert into memberships (org_id, user_id, role_id)
        select ${orgId}, ${member.id}, id from org_roles where org_id = ${orgId} and built_in = 'member'`;
    }
    await tx`insert into projects (org_id, name, created_by)
      select ${orgId}, 'Project ' || n, ${owner.id} from generate_series(1, 50) n`;
    for (const [i, key] of keys.entries()) {
      await tx`insert into api_keys (org_id, name, display_prefix, secret_hash, scopes, created_by)
        values (${orgId}, ${`Bench ${i + 1}`}, ${key.slice(0, 16)},
          ${createHash("sha256").update(key).digest()}, ${["projects:read", "members:read"]},
          ${owner.id})`;
    }
  });
  return {
    keys: keys.map(bearer),
    unknownKeys: users.map(() => bearer(keyString())),
    cookies: users.map((u) => ({ Cookie: u.cookie })),
    orgCookies: users.map((u) => ({ Cookie: u.cookie, "X-Org": slug })),
  };
}

async function fetchJson(url: string, headers: Headers, status = 200) {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== status)
    throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as Record<string, unknown>;
}

/** Every credential answers what it should before anything is timed. */
export async function verifyApiBench(baseUrl: string, s: ApiBenchSetup): Promise<void> {
  const projects = `${baseUrl}/api/v1/projects`;
  const expected = JSON.stringify(await fetchJson(projects, s.keys[0]!));
  for (const [i, key] of s.keys.entries()) {
    if ((await fetchJson(`${baseUrl}/api/v1/me`, key)).kind !== "api_key") {
      throw new Error(`key ${i + 1}: /api/v1/me is not an api_key principal`);
    }
    const a = await fetchJson(projects, key);
    const b = await fetchJson(projects, s.orgCookies[i]!);
    if (JSON.stringify(a) !== expected || JSON.stringify(b) !== expected) {
      throw new Error(`key and cookie ${i + 1} list different projects`);
    }
    await fetchJson(`${baseUrl}/api/v1/me`, s.unknownKeys[i]!, 401);
  }
  if ((JSON.parse(expected) as { items: unknown[] }).items.length !== 20) {
    throw new Error("GET /api/v1/projects did not return a page of 20");
  }
}

export interface ApiBenchReport {
  me: Comparison;
  projects: Comparison;
  unknownKey: Comparison;
}

export async function runApiBench(
  baseUrl: string,
  s: ApiBenchSetup,
  p: { connections: number; durationS: number; warmupS: number; rounds: number },
): Promise<ApiBenchReport> {
  const me = `${baseUrl}/api/v1/me`;
  const projects = `${baseUrl}/api/v1/projects`;
  const n = s.keys.length;
  const side = (
    label: "a" | "b",
    what: string,
    url: string,
    rotate: Headers[],
    status = 200,
  ): Endpoint => ({
    label,
    path: `${new URL(url).pathname} (${what})`,
    url,
    headers: {},
    rotate,
    status,
  });
  const validKeys = (label: "a" | "b") => side(label, `${n} keys`, me, s.keys);
  console.log(`▶ API keys: GET /api/v1/me, ${n} keys vs ${n} users' session cookies`);
  const meComparison = await sideBySide(
    [validKeys("a"), side("b", `${n} cookies`, me, s.cookies)],
    p,
    0.95,
  );
  console.log("▶ API keys: GET /api/v1/projects, keys vs session cookies + X-Org");
  const projectsComparison = await sideBySide(
    [
      side("a", `${n} keys`, projects, s.keys),
      side("b", `${n} cookies + X-Org`, projects, s.orgCookies),
    ],
    p,
    0.95,
  );
  console.log("▶ API keys: unknown keys rejected vs valid keys served (GET /api/v1/me)");
  const unknownKey = await sideBySide(
    [side("a", `${n} unknown keys, 401`, me, s.unknownKeys, 401), validKeys("b")],
    p,
    1.0,
  );
  return { me: meComparison, projects: projectsComparison, unknownKey };
}

export function printApiBench(r: ApiBenchReport | null): void {
  if (!r) return;
  console.log(`API keys against the session cookie (same connections, durations and rounds)
  GET /api/v1/me
${comparisonTable(r.me)}
  GET /api/v1/projects
${comparisonTable(r.projects)}
  Unknown key rejected (a) against valid key served (b)
${comparisonTable(r.unknownKey)}
`);
}
