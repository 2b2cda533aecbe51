/**
 * What the pages' nonce CSP costs (issue 7, ADRs 012 and 016). server.ts gives every page
 * request a nonce and a Content-Security-Policy before Next runs (lib/http/prepare-request.ts),
 * and Next then renders the nonce into every script tag. Measured side by side, the same pages
 * from the same build, served
 *   a) by `npm start` (server.ts: nonce, CSP, request id), and
 *   b) by `next start` alone on a second port: no nonce, no CSP, nothing before Next.
 * The production code has no switch to turn its CSP off; b is Next's own server.
 * Target: a/b req/s >= 0.90 on each page. Also reported, without a target: the same comparison
 * for an API route (/api/bench/baseline), where server.ts only deletes the request headers a
 * client may not set.
 */
import { freePort } from "@/db/embedded";
import { startServer, type BenchServer } from "./server";
import { sideBySide, type Comparison, type Endpoint } from "./side-by-side";

export interface PageCspReport {
  pages: Comparison[];
  /** /api/bench/baseline: what server.ts costs a route it gives no CSP (reported only). */
  api: Comparison;
}

/** Both servers answer 200; only a's pages carry the CSP and nonces. */
async function verify(a: Endpoint, b: Endpoint): Promise<void> {
  const [ra, rb] = await Promise.all(
    [a, b].map((e) => fetch(e.url, { headers: e.headers, redirect: "manual" })),
  );
  const [ta, tb] = await Promise.all([ra!.text(), rb!.text()]);
  const csp = ra!.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const problems = [
    ra!.status !== 200 && `a ${a.path} answered ${ra!.status}`,
    rb!.status !== 200 && `b ${b.path} answered ${rb!.status}`,
    !(nonce && ta.includes(`nonce="${nonce}"`)) && `a ${a.path} has no CSP nonce in its scripts`,
    rb!.headers.has("content-security-policy") && `b ${b.path} has a CSP: not plain next start`,
    tb.includes("nonce=") && `b ${b.path} has nonces`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`Page CSP bench: ${problems.join("; ")}`);
}

export async function pageCspCost(
  env: NodeJS.ProcessEnv,
  withCsp: BenchServer,
  cookie: string,
  params: { connections: number; durationS: number; warmupS: number; rounds: number },
  target: number,
): Promise<PageCspReport> {
  const port = await freePort();
  let plain: BenchServer | null = null;
  try {
    plain = await startServer(
      { ...env, PORT: String(port), APP_URL: `http://localhost:${port}` },
      { plainNext: true },
    );
    console.log(`  without: next start of the same build, pid ${plain.pid}, ${plain.url}`);
    const pages: Comparison[] = [];
    for (const [path, headers] of [
      ["/login", {}],
      ["/dashboard", { Cookie: cookie }],
    ] as const) {
      const a: Endpoint = { label: "a", path, url: withCsp.url + path, headers };
      const b: Endpoint = {
        label: "b",
        path: `${path} (no CSP)`,
        url: plain.url + path,
        headers,
      };
      await verify(a, b);
      console.log(`  ${path}: npm start (a) vs. next start (b)`);
      pages.push(await sideBySide([a, b], params, target));
    }
    const path = "/api/bench/baseline";
    console.log(`  ${path}: npm start (a) vs. next start (b), reported`);
    const api = await sideBySide(
      [
        { label: "a", path, url: withCsp.url + path, headers: {} },
        { label: "b", path: `${path} (next start)`, url: plain.url + path, headers: {} },
      ],
      params,
      0,
    );
    return { pages, api };
  } finally {
    await plain?.stop();
  }
}

export function pageCspSection(report: PageCspReport): string {
  const rows = report.pages.map(
    (c) =>
      `  ${c.a.path.padEnd(12)} a ${c.a.mean.requestsPerS.toFixed(1)} req/s (p50 ${c.a.mean.p50Ms.toFixed(2)} ms)   b ${c.b.mean.requestsPerS.toFixed(1)} req/s (p50 ${c.b.mean.p50Ms.toFixed(2)} ms)   a/b = ${c.ratio.toFixed(3)}   target >= ${c.target}   ${c.verdict}`,
  );
  const api = report.api;
  return `
Pages' CSP: a = npm start (server.ts: nonce + CSP), b = next start of the same build (no CSP)
${rows.join("\n")}
  ${"/api/bench/baseline".padEnd(12)} a ${api.a.mean.requestsPerS.toFixed(1)} req/s   b ${api.b.mean.requestsPerS.toFixed(1)} req/s   a/b = ${api.ratio.toFixed(3)}   (reported: server.ts on a route without a CSP)
`;
}
