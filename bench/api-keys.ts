/**
 * API keys against the session cookie (issue 6), side by side in one run:
 * 1. GET /api/v1/me with a key (a) against the same with the session cookie (b).
 * 2. GET /api/v1/projects (20 of 50 projects) with a key (a) against the cookie + X-Org (b).
 * 3. GET /api/v1/me with an unknown, well-formed key (a, answered 401 after its lookup) against a
 *    valid key (b): a rejection must cost no more than serving.
 * Targets: 1 and 2 a/b req/s >= 0.95; 3 >= 1.0. Each side must answer only its expected status.
 * The server runs with a per-key rate limit high enough never to refuse: the limiter still
 * counts every request in Postgres, which is part of what is measured.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import autocannon from "autocannon";
import type postgres from "postgres";
import type { SessionUser } from "./fixtures";
import { percentile, type Measurement } from "./load";
import { comparisonTable, verdict, type Side } from "./report";
import type { Comparison } from "./side-by-side";

export const API_BENCH_ENV = { API_RATE_LIMIT_PER_MINUTE: "1000000000" };

export interface ApiBenchSetup {
  key: string;
  unknownKey: string;
  cookie: string;
  org: string;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const keyString = () =>
  `sk_live_${Array.from({ length: 40 }, () => BASE62[randomInt(62)]).join("")}`;

/** An org owned by the bench's session user, 50 projects, and a key, as the runtime role. */
export async function prepareApiBench(
  sql: postgres.Sql,
  user: SessionUser,
): Promise<ApiBenchSetup> {
  const orgId = crypto.randomUUID();
  const slug = `bench-api-${randomBytes(4).toString("hex")}`;
  const key = keyString();
  await sql.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${user.id}, true)`;
    await tx`insert into organizations (id, name, slug) values (${orgId}, 'Bench API', ${slug})`;
    await tx`insert into memberships (org_id, user_id, role_id)
      select ${orgId}, ${user.id}, id from org_roles where org_id = ${orgId} and built_in = 'owner'`;
    await tx`insert into projects (org_id, name, created_by)
      select ${orgId}, 'Project ' || n, ${user.id} from generate_series(1, 50) n`;
    await tx`insert into api_keys (org_id, name, display_prefix, secret_hash, scopes, created_by)
      values (${orgId}, 'Bench', ${key.slice(0, 16)}, ${createHash("sha256").update(key).digest()},
        ${["projects:read", "members:read"]}, ${user.id})`;
  });
  return { key, unknownKey: keyString(), cookie: user.cookie, org: slug };
}

async function fetchJson(url: string, headers: Record<string, string>, status = 200) {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== status)
    throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as Record<string, unknown>;
}

/** Both sides answer what they should before anything is timed. */
export async function verifyApiBench(baseUrl: string, s: ApiBenchSetup): Promise<void> {
  const key = { Authorization: `Bearer ${s.key}` };
  const cookie = { Cookie: s.cookie, "X-Org": s.org };
  if ((await fetchJson(`${baseUrl}/api/v1/me`, key)).kind !== "api_key") throw new Error("key /me");
  const a = await fetchJson(`${baseUrl}/api/v1/projects`, key);
  const b = await fetchJson(`${baseUrl}/api/v1/projects`, cookie);
  if (JSON.stringify(a) !== JSON.stringify(b) || (a.items as unknown[]).length !== 20) {
    throw new Error("key and cookie list different projects");
  }
  await fetchJson(`${baseUrl}/api/v1/me`, { Authorization: `Bearer ${s.unknownKey}` }, 401);
}

interface Endpoint {
  label: string;
  path: string;
  headers: Record<string, string>;
  status: number;
}

/** autocannon, counting every answer other than `status` (and errors, timeouts) as a failure. */
async function measureStatus(url: string, e: Endpoint, connections: number, durationS: number) {
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration: durationS, headers: e.headers });
  instance.on("response", (_c: unknown, status: number, _b: number, ms: number) => {
    if (status === e.status) times.push(ms);
  });
  const result = await instance;
  times.sort((x, y) => x - y);
  const total = result.requests.total;
  return {
    requestsPerS: total / result.duration,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    requests: total,
    failures: total - times.length + result.errors + result.timeouts,
    durationS: result.duration,
  } satisfies Measurement;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function compare(
  baseUrl: string,
  sides: [Endpoint, Endpoint],
  p: { connections: number; durationS: number; warmupS: number; rounds: number },
  target: number,
): Promise<Comparison> {
  for (const s of sides) await measureStatus(baseUrl + s.path, s, p.connections, p.warmupS);
  const rounds: Measurement[][] = [[], []];
  for (let round = 1; round <= p.rounds; round++) {
    for (const [i, s] of sides.entries()) {
      console.log(`  round ${round}: ${s.label} (${p.durationS} s)`);
      rounds[i]!.push(await measureStatus(baseUrl + s.path, s, p.connections, p.durationS));
    }
  }
  const [a, b] = sides.map((s, i): Side => ({
    label: "ab"[i]!,
    path: `${s.path} (${s.label})`,
    rounds: rounds[i]!,
    mean: {
      requestsPerS: mean(rounds[i]!.map((x) => x.requestsPerS)),
      p50Ms: mean(rounds[i]!.map((x) => x.p50Ms)),
      p99Ms: mean(rounds[i]!.map((x) => x.p99Ms)),
    },
  })) as [Side, Side];
  const ratio = a.mean.requestsPerS / b.mean.requestsPerS;
  const valid = [...a.rounds, ...b.rounds].every((x) => x.failures === 0);
  return { a, b, ratio, target, verdict: verdict(ratio >= target, valid) };
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
  const key = { Authorization: `Bearer ${s.key}` };
  const valid = { label: "valid key", path: "/api/v1/me", headers: key, status: 200 };
  console.log("▶ API keys: GET /api/v1/me, key vs session cookie");
  const me = await compare(
    baseUrl,
    [valid, { label: "cookie", path: "/api/v1/me", headers: { Cookie: s.cookie }, status: 200 }],
    p,
    0.95,
  );
  console.log("▶ API keys: GET /api/v1/projects, key vs session cookie + X-Org");
  const projects = await compare(
    baseUrl,
    [
      { label: "key", path: "/api/v1/projects", headers: key, status: 200 },
      {
        label: "cookie",
        path: "/api/v1/projects",
        headers: { Cookie: s.cookie, "X-Org": s.org },
        status: 200,
      },
    ],
    p,
    0.95,
  );
  console.log("▶ API keys: unknown key rejected vs valid key served (GET /api/v1/me)");
  const unknown = { Authorization: `Bearer ${s.unknownKey}` };
  const unknownKey = await compare(
    baseUrl,
    [{ label: "unknown key, 401", path: "/api/v1/me", headers: unknown, status: 401 }, valid],
    p,
    1.0,
  );
  return { me, projects, unknownKey };
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
