/**
 * Load generators: autocannon for GET endpoints, and parallel login loops for the login form.
 * Latency percentiles come from every 2xx response time autocannon reports (float ms), not
 * from its histogram, which rounds to whole milliseconds: too coarse for fast local routes.
 */
import autocannon from "autocannon";
import { loginSucceeded, postLogin, type LoginForm } from "./login-form";
import type { LoginUser } from "./fixtures";

export interface LoadOptions {
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  /**
   * Header sets sent in turn, one per request, over `headers`: many users' cookies or many API
   * keys, not one credential many times.
   */
  rotate?: Array<Record<string, string>>;
  /** The one status that counts as served; any other answer is a failure. Default: any 2xx. */
  status?: number;
  /** Requests/s across all connections; unlimited (closed loop) when absent. */
  rate?: number;
}

/** A measurement with every served request's latency (sorted), for pooling rounds. */
export interface Sampled extends Measurement {
  latenciesMs: number[];
}

export interface Measurement {
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Unexpected statuses, socket errors and timeouts: any of these makes a result invalid. */
  failures: number;
  durationS: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

function rotating(sets: Array<Record<string, string>>) {
  let next = 0;
  return {
    setupRequest: (request: { headers?: Record<string, string> }) => {
      request.headers = { ...request.headers, ...sets[next++ % sets.length]! };
      return request;
    },
  };
}

export async function measure(url: string, options: LoadOptions): Promise<Measurement> {
  const { latenciesMs: _, ...measurement } = await sample(url, options);
  return measurement;
}

/** Rounds of one kind as one measurement: latencies pooled, throughput and counts summed. */
export function pool(rounds: Sampled[]): Measurement {
  const times = rounds.flatMap((r) => r.latenciesMs).sort((x, y) => x - y);
  const durationS = rounds.reduce((s, r) => s + r.durationS, 0);
  const requests = rounds.reduce((s, r) => s + r.requests, 0);
  return {
    requestsPerS: requests / durationS,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    requests,
    failures: rounds.reduce((s, r) => s + r.failures, 0),
    durationS,
  };
}

/** `measure`, keeping every served request's latency. */
export async function sample(url: string, options: LoadOptions): Promise<Sampled> {
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    headers: options.headers,
    overallRate: options.rate,
    ...(options.rotate?.length ? { requests: [rotating(options.rotate)] } : {}),
  });
  const served = (status: number) =>
    options.status === undefined ? status >= 200 && status < 300 : status === options.status;
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (served(status)) times.push(ms);
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
    latenciesMs: times,
  };
}

export interface LoginLoad {
  loginsPerS: number;
  logins: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
  durationS: number;
}

/** Rounds of login load as one: logins and time summed, latencies pooled. */
export function poolLogins(rounds: Array<LoginLoad & { latenciesMs: number[] }>): LoginLoad {
  const times = rounds.flatMap((r) => r.latenciesMs).sort((x, y) => x - y);
  const durationS = rounds.reduce((s, r) => s + r.durationS, 0);
  const logins = rounds.reduce((s, r) => s + r.logins, 0);
  return {
    loginsPerS: logins / durationS,
    logins,
    failures: rounds.reduce((s, r) => s + r.failures, 0),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    durationS,
  };
}

/** `loops` parallel loops, each posting the login form back to back until `durationS` ends. */
export async function loginLoops(
  form: LoginForm,
  users: LoginUser[],
  loops: number,
  durationS: number,
): Promise<LoginLoad & { latenciesMs: number[] }> {
  const times: number[] = [];
  let failures = 0;
  let next = 0;
  const start = performance.now();
  const deadline = start + durationS * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const user = users[next++ % users.length]!;
      const t0 = performance.now();
      const ok = await postLogin(form, user.email, user.password).then(loginSucceeded, () => false);
      if (ok) times.push(performance.now() - t0);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  const elapsedS = (performance.now() - start) / 1000;
  times.sort((x, y) => x - y);
  return {
    loginsPerS: times.length / elapsedS,
    logins: times.length,
    failures,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    durationS: elapsedS,
    latenciesMs: times,
  };
}
