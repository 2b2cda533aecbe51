/**
 * The app's HTTP server: `npm start` (production build) and `npm run dev` (`--dev`). Node's own
 * http server, with one step before Next.js's request handler: prepareRequest, which gives each
 * page its CSP nonce and request id (lib/http/prepare-request.ts). It replaces proxy.ts, whose
 * detour through Next's proxy adapter cost pages 10 to 20% of their throughput (ADR 016).
 * Like proxy.ts before it, this step is not a security boundary (ADR 003).
 *
 * Options: `-p <port>` (or PORT, default 3000), `-H <hostname>` (default: every interface).
 *
 * `npm run build` compiles this file and what it imports (none of it `server-only`) to
 * `.next/app-server.mjs` with esbuild, Next itself left external, and `npm start` runs that with
 * plain Node: a TypeScript loader at run time (tsx) turns on source maps for every module Next
 * loads, which cost the server memory and about 5% of its page throughput. `npm run dev` runs
 * this file through tsx.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (flag: string, long: string) => {
  const i = args.findIndex((a) => a === flag || a === long);
  return i >= 0 ? args[i + 1] : undefined;
};
const dev = args.includes("--dev");
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${option("-p", "--port") ?? process.env.PORT}`);
  process.exit(1);
}
// Before Next.js and React load: they choose their development or production builds by it.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

const [{ default: next }, { authorizationOrigins }, { contentSecurityPolicy }, { prepareRequest }] =
  await Promise.all([
    import("next"),
    import("@/lib/auth/oauth/authorization-origins"),
    import("@/lib/http/content-security-policy"),
    import("@/lib/http/prepare-request"),
  ]);

// The project: this file's folder, or the parent of .next for the compiled copy.
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.basename(here) === ".next" ? path.dirname(here) : here;

const server = createServer();
const app = next({
  dev,
  dir,
  hostname: hostname ?? "localhost",
  port,
  httpServer: server,
});
await app.prepare();
const handle = app.getRequestHandler();

// Read after prepare(): Next has loaded the .env files by then.
const formTargets = authorizationOrigins();
const policy = {
  contentSecurityPolicy: (nonce: string) => contentSecurityPolicy(nonce, { dev, formTargets }),
  appUrl: process.env.APP_URL ?? `http://localhost:${port}`,
};

function failed(req: IncomingMessage, res: ServerResponse, error: unknown) {
  console.error(`Failed to handle ${req.method} ${req.url?.split("?")[0]}:`, error);
  if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
  res.end("Internal Server Error");
}

// Nothing a request holds may throw out of this listener: that would end the process.
server.on("request", (req, res) => {
  try {
    if (prepareRequest(req, res, policy)) return;
  } catch (error) {
    failed(req, res, error);
    return;
  }
  handle(req, res).catch((error: unknown) => failed(req, res, error));
});

server.listen(port, hostname, () => {
  const shown = hostname && hostname !== "0.0.0.0" && hostname !== "::" ? hostname : "localhost";
  console.log(`▲ Ready on http://${shown}:${port} (${dev ? "development" : "production"})`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  // Idle keep-alive connections would hold close() open; requests in flight may finish.
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 5000);
  force.unref();
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
