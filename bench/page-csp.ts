/**
 * What the CSP proxy costs pages (issue 7, ADR 012). proxy.ts runs before every page request
 * to make a nonce and a Content-Security-Policy, and Next then renders the nonce into every
 * script tag. Measured side by side, the same pages from the same build, served
 *   a) as built, through proxy.ts, and
 *   b) by a second `next start` of a copy of that build whose manifest has the proxy taken
 *      out, so no proxy code runs at all (no invocation, no nonce, no CSP).
 * The copy is the build output only (.next without its cache, next.config.ts, package.json,
 * and a link to node_modules) in a temporary directory, removed afterwards; the production
 * code has no switch to turn its CSP off. Target: a/b req/s >= 0.90 on each page.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/db/embedded";
import { startServer, type BenchServer } from "./server";
import { sideBySide, type Comparison, type Endpoint } from "./side-by-side";

const root = path.resolve(import.meta.dirname, "..");

export interface CspProxyReport {
  pages: Comparison[];
}

/** The build in `.next`, copied and with the proxy removed from its functions manifest. */
function buildWithoutProxy(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-no-proxy-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    cpSync(path.join(root, ".next"), path.join(dir, ".next"), {
      recursive: true,
      filter: (source) => !source.startsWith(path.join(root, ".next", "cache")),
    });
    for (const file of ["next.config.ts", "package.json", "tsconfig.json"]) {
      cpSync(path.join(root, file), path.join(dir, file));
    }
    symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    const manifestPath = path.join(dir, ".next/server/functions-config-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      functions: Record<string, unknown>;
    };
    if (!manifest.functions["/_middleware"]) {
      throw new Error(
        `${manifestPath} lists no /_middleware: this Next.js version registers proxy.ts differently; update bench/csp-proxy.ts`,
      );
    }
    delete manifest.functions["/_middleware"];
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    return { dir, remove };
  } catch (error) {
    remove();
    throw error;
  }
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
    rb!.headers.has("content-security-policy") && `b ${b.path} still has a CSP: the proxy ran`,
    tb.includes("nonce=") && `b ${b.path} still has nonces`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`CSP proxy bench: ${problems.join("; ")}`);
}

export async function cspProxyCost(
  env: NodeJS.ProcessEnv,
  withProxy: BenchServer,
  cookie: string,
  params: { connections: number; durationS: number; warmupS: number; rounds: number },
  target: number,
): Promise<CspProxyReport> {
  const copy = buildWithoutProxy();
  const port = await freePort();
  let without: BenchServer | null = null;
  try {
    without = await startServer(
      { ...env, PORT: String(port), APP_URL: `http://localhost:${port}` },
      copy.dir,
    );
    console.log(`  without proxy: next start of ${copy.dir}, pid ${without.pid}, ${without.url}`);
    const pages: Comparison[] = [];
    for (const [path, headers] of [
      ["/login", {}],
      ["/dashboard", { Cookie: cookie }],
    ] as const) {
      const a: Endpoint = { label: "a", path, url: withProxy.url + path, headers };
      const b: Endpoint = {
        label: "b",
        path: `${path} (no proxy)`,
        url: without.url + path,
        headers,
      };
      await verify(a, b);
      console.log(`  ${path}: with proxy (a) vs. without (b)`);
      pages.push(await sideBySide([a, b], params, target));
    }
    return { pages };
  } finally {
    await without?.stop();
    copy.remove();
  }
}

export function cspProxySection(report: CspProxyReport): string {
  const rows = report.pages.map(
    (c) =>
      `  ${c.a.path.padEnd(12)} a ${c.a.mean.requestsPerS.toFixed(1)} req/s (p50 ${c.a.mean.p50Ms.toFixed(2)} ms)   b ${c.b.mean.requestsPerS.toFixed(1)} req/s (p50 ${c.b.mean.p50Ms.toFixed(2)} ms)   a/b = ${c.ratio.toFixed(3)}   target >= ${c.target}   ${c.verdict}`,
  );
  return `
CSP proxy on pages: a = through proxy.ts (nonce + CSP), b = same build without the proxy
${rows.join("\n")}
`;
}
