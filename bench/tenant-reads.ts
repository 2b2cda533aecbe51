/**
 * Tenant reads: listing 20 projects of one org among 1,000 orgs x 1,000 projects, (a) through
 * the app's path with RLS (session, membership, listProjects in withTenant; no WHERE on org_id)
 * against (b) the same session and membership, then the same queries with `where org_id = $1`,
 * no transaction, as a BYPASSRLS role (app/api/bench/projects). Target: a/b req/s >= 0.90.
 *
 * Round trips per request are counted on the wire by a proxy between a second, short-lived
 * server and Postgres (db/round-trip-proxy.ts), one request at a time, after a warm-up that
 * prepares the statements on the pool's connections. The proxy is not in the path of the
 * throughput runs.
 */
import { startRoundTripProxy, type RoundTripProxy } from "@/db/round-trip-proxy";
import { percentile } from "./load";
import { startServer } from "./server";

export interface RoundTripCount {
  path: string;
  /** Median round trips per request; min and max show the spread (a new connection, a session touch). */
  median: number;
  min: number;
  max: number;
  requests: number;
}

export interface TenantPaths {
  rls: string;
  explicit: string;
  page: string;
  me: string;
}

export function tenantPaths(slug: string): TenantPaths {
  return {
    rls: `/api/bench/projects?org=${slug}`,
    explicit: `/api/bench/projects?org=${slug}&explicit=1`,
    page: `/o/${slug}`,
    me: "/api/v1/me",
  };
}

async function get(url: string, cookie: string): Promise<string> {
  const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) {
    throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  }
  return body;
}

/** Checks that both sides answer the same page of the same org, and that the page renders it. */
export async function verifyTenantRoutes(baseUrl: string, paths: TenantPaths, cookie: string) {
  const [rls, explicit] = await Promise.all(
    [paths.rls, paths.explicit].map(async (p) => JSON.parse(await get(baseUrl + p, cookie))),
  );
  if (JSON.stringify(rls) !== JSON.stringify(explicit) || rls.items.length !== 20) {
    throw new Error(
      `RLS and explicit routes disagree: ${JSON.stringify(rls).slice(0, 200)} vs ${JSON.stringify(explicit).slice(0, 200)}`,
    );
  }
  const page = await get(baseUrl + paths.page, cookie);
  if (!page.includes(rls.items[0].name)) throw new Error(`${paths.page} lacks the newest project`);
}

async function perRequest(
  proxy: RoundTripProxy,
  url: string,
  cookie: string,
  n: number,
): Promise<number[]> {
  const trips: number[] = [];
  for (let i = 0; i < n; i++) {
    proxy.reset();
    await get(url, cookie);
    trips.push(proxy.roundTrips());
  }
  return trips;
}

/** Starts a server whose database connections go through counting proxies; counts; stops it. */
export async function countRoundTrips(
  env: NodeJS.ProcessEnv,
  paths: TenantPaths,
  cookie: string,
  requests = 20,
): Promise<RoundTripCount[]> {
  const appProxy = await startRoundTripProxy(env.DATABASE_APP_URL!);
  const explicitProxy = await startRoundTripProxy(env.BENCH_EXPLICIT_DATABASE_URL!);
  const server = await startServer({
    ...env,
    DATABASE_APP_URL: appProxy.url,
    BENCH_EXPLICIT_DATABASE_URL: explicitProxy.url,
  });
  // Both pools count: the explicit side still validates the session and membership as app_user.
  const both: RoundTripProxy = {
    url: "",
    roundTrips: () => appProxy.roundTrips() + explicitProxy.roundTrips(),
    reset: () => (appProxy.reset(), explicitProxy.reset()),
    close: async () => {},
  };
  try {
    const counts: RoundTripCount[] = [];
    for (const path of [paths.me, paths.rls, paths.explicit, paths.page]) {
      await perRequest(both, server.url + path, cookie, 5);
      const trips = (await perRequest(both, server.url + path, cookie, requests)).sort(
        (x, y) => x - y,
      );
      counts.push({
        path,
        median: percentile(trips, 50),
        min: trips[0]!,
        max: trips.at(-1)!,
        requests,
      });
    }
    return counts;
  } finally {
    await server.stop();
    await appProxy.close();
    await explicitProxy.close();
  }
}
