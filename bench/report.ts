/** The benchmark's output: a table on stdout and the same numbers as JSON in bench/results/. */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ApiBenchReport } from "./api-keys";
import type { LoginLoad, Measurement } from "./load";
import type { TenantSeed } from "./seed-tenants";
import type { PageCspReport } from "./page-csp";
import type { Comparison } from "./side-by-side";
import type { RoundTripCount } from "./tenant-reads";

export type Verdict = "PASS" | "MISS" | "INVALID";

export interface Side {
  label: string;
  path: string;
  rounds: Measurement[];
  mean: { requestsPerS: number; p50Ms: number; p99Ms: number };
}

export interface Report {
  timestamp: string;
  machine: ReturnType<typeof machineInfo>;
  parameters: Record<string, unknown>;
  authOverhead: Comparison | null;
  tenantReads: {
    seed: TenantSeed;
    roundTrips: RoundTripCount[];
    comparison: Comparison | null;
  } | null;
  apiKeys?: ApiBenchReport | null;
  login: {
    users: number;
    loops: number;
    formFields: string[];
    load: LoginLoad;
    probe: {
      idle: Measurement;
      busy: Measurement;
      /** Each round's own p99, to show the spread behind the pooled figure. */
      roundsP99Ms?: { idle: number[]; busy: number[] };
      ratio: number;
      target: number;
      verdict: Verdict;
    };
  } | null;
  pageCsp?: PageCspReport | null;
}

export function machineInfo() {
  return {
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage1m: os.loadavg()[0] ?? 0,
    node: process.version,
  };
}

export function verdict(ok: boolean, valid: boolean): Verdict {
  if (!valid) return "INVALID";
  return ok ? "PASS" : "MISS";
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))))
    .map((r) => `  ${r.join("   ")}`)
    .join("\n");
}

const side = (s: Side) => [
  `${s.label}  ${s.path}`,
  f(s.mean.requestsPerS),
  f(s.mean.p50Ms, 2),
  f(s.mean.p99Ms, 2),
  s.rounds.map((x) => f(x.requestsPerS)).join(" / "),
  String(s.rounds.reduce((n, x) => n + x.failures, 0)),
];

export function comparisonTable(c: Comparison): string {
  return `${table([
    ["endpoint", "req/s", "p50 ms", "p99 ms", "req/s per round", "failures"],
    side(c.a),
    side(c.b),
  ])}
  a/b req/s = ${f(c.ratio, 3)}   target >= ${c.target}   ${c.verdict}`;
}

function authSection(r: Report): string {
  if (!r.authOverhead) return "";
  const p = r.parameters;
  return `
Auth overhead: ${p.connections} connections, ${p.durationS} s per run, ${p.rounds} rounds (a,b then b,a, alternating), mean
${comparisonTable(r.authOverhead)}
`;
}

function tenantSection(r: Report): string {
  const t = r.tenantReads;
  if (!t) return "";
  const p = r.parameters;
  const trips = table([
    ["path", "median", "min", "max", "requests"],
    ...t.roundTrips.map((c) => [
      c.path,
      String(c.median),
      String(c.min),
      String(c.max),
      String(c.requests),
    ]),
  ]);
  const comparison = t.comparison
    ? `${p.connections} connections, ${p.durationS} s per run, ${p.rounds} rounds (a,b then b,a, alternating), mean
${comparisonTable(t.comparison)}`
    : "(not measured)";
  return `
Tenant reads: 20 of ${t.seed.rows.toLocaleString("en")} projects (seeded in ${f(t.seed.seconds)} s); a = RLS in withTenant, b = WHERE org_id, BYPASSRLS, no transaction
${comparison}
  Database round trips per request (counted by a proxy, sequential requests):
${trips}
`;
}

function loginSection(r: Report): string {
  if (!r.login) return "";
  const p = r.parameters;
  const { load, probe } = r.login;
  const probeRow = (name: string, x: Measurement, rounds: number[] = []) => [
    name,
    f(x.requestsPerS),
    f(x.p50Ms, 2),
    f(x.p99Ms, 2),
    rounds.map((v) => f(v, 1)).join(" / "),
    String(x.failures),
  ];
  return `
Login: ${r.login.loops} parallel no-JS form posts, ${r.login.users} users, ${f(load.durationS)} s
  logins/s ${f(load.loginsPerS, 2)}   (${load.logins} ok, ${load.failures} failed)   login p50 ${f(load.p50Ms, 0)} ms   p99 ${f(load.p99Ms, 0)} ms
  GET /api/v1/me probe (${JSON.stringify(p.probe)}):
${table([
  ["probe (rounds pooled)", "req/s", "p50 ms", "p99 ms", "p99 ms per round", "failures"],
  probeRow("idle", probe.idle, probe.roundsP99Ms?.idle),
  probeRow("during logins", probe.busy, probe.roundsP99Ms?.busy),
])}
  p99 during/idle = ${f(probe.ratio, 2)}x   target <= ${probe.target}x   ${probe.verdict}
`;
}

export function printReport(r: Report): void {
  const m = r.machine;
  const busy =
    m.loadAverage1m > m.cpus
      ? `\n  warning: load average ${f(m.loadAverage1m, 2)} > ${m.cpus} CPUs at start: expect noisy numbers`
      : "";
  console.log(`
Benchmark ${r.timestamp}
  machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.platform}, node ${m.node}, load ${f(m.loadAverage1m, 2)}${busy}
${authSection(r)}${tenantSection(r)}${loginSection(r)}`);
}

/** Writes bench/results/<ISO timestamp>.json (colons as dashes, for every file system). */
export function writeReport(r: Report): string {
  const dir = path.resolve(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.timestamp.replace(/:/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}
