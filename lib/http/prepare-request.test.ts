import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./content-security-policy";
import { prepareRequest } from "./prepare-request";

/** What the handler behind prepareRequest (Next, in server.ts) saw, and what the client got. */
interface Exchange {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  seen: { url: string; headers: Record<string, string | string[] | undefined> } | null;
}

let server: Server;
let port = 0;
let seen: Exchange["seen"] = null;

const policy = {
  contentSecurityPolicy: (nonce: string) =>
    contentSecurityPolicy(nonce, { dev: false, formTargets: ["https://github.com"] }),
  appUrl: "https://app.example.com",
};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (prepareRequest(req, res, policy)) return;
    seen = { url: req.url ?? "", headers: { ...req.headers } };
    res.end("from next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request: the path goes on the wire exactly as written (no client normalization). */
function send(path: string, headers: Record<string, string> = {}): Promise<Exchange> {
  seen = null;
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, seen }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const forged = {
  "Content-Security-Policy": "script-src 'nonce-chosenbyclient'",
  "Content-Security-Policy-Report-Only": "script-src 'nonce-chosenbyclient'",
  "X-Nonce": "chosenbyclient",
  "X-Pathname": "/o/someone-elses-org",
  "X-Request-Id": "00000000-0000-4000-8000-000000000000",
};

const nonceOf = (csp: unknown) => /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(String(csp))?.[1];

describe("prepareRequest", () => {
  it("gives a page a fresh nonce in the CSP it sends and in the one Next reads, and an id", async () => {
    const a = await send("/login?next=%2Fdashboard", forged);
    const csp = a.headers["content-security-policy"];
    const nonce = nonceOf(csp);
    expect(Buffer.from(nonce ?? "", "base64")).toHaveLength(16);
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).toContain("form-action 'self' https://github.com");
    expect(a.seen?.headers["content-security-policy"]).toBe(csp);
    expect(a.seen?.headers["content-security-policy-report-only"]).toBeUndefined();
    expect(a.seen?.headers["x-nonce"]).toBe(nonce);
    expect(a.seen?.headers["x-pathname"]).toBe("/login?next=%2Fdashboard");
    expect(a.seen?.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.seen?.headers["x-request-id"]).not.toBe(forged["X-Request-Id"]);
    expect(a.headers["x-request-id"]).toBe(a.seen?.headers["x-request-id"]);

    const b = await send("/login");
    expect(nonceOf(b.headers["content-security-policy"])).not.toBe(nonce);
  });

  it("strips its own headers from requests it passes through without a CSP", async () => {
    for (const path of ["/api/v1/me", "/_next/static/chunks/app.js", "/icon.svg"]) {
      const r = await send(path, forged);
      expect(r.headers["content-security-policy"], path).toBeUndefined();
      expect(r.seen?.url, path).toBe(path);
      for (const name of Object.keys(forged)) {
        expect(r.seen?.headers[name.toLowerCase()], `${path} ${name}`).toBeUndefined();
      }
    }
  });

  it("treats a path as a page unless every spelling of it is outside the pages", async () => {
    // Each resolves (dot segments, %2e, or decoding) to a page for a router that normalizes.
    for (const path of [
      "/api/../dashboard",
      "/api/%2e%2e/dashboard",
      "/_next/static/../../account",
      "/%61pi/v1/me",
      "/api",
    ]) {
      const r = await send(path);
      expect(nonceOf(r.headers["content-security-policy"]), path).toBeTruthy();
    }
  });

  it("answers an undecodable API path itself with a problem, and sends an undecodable page to the not-found page", async () => {
    const api = await send("/api/v1/projects/%FF");
    expect(api.seen).toBeNull();
    expect(api.status).toBe(404);
    expect(api.headers["content-type"]).toBe("application/problem+json");
    expect(api.headers["x-content-type-options"]).toBe("nosniff");
    expect(api.headers["content-security-policy"]).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(JSON.parse(api.body)).toMatchObject({
      type: "https://app.example.com/problems/not-found",
      status: 404,
      requestId: api.headers["x-request-id"],
    });

    const page = await send("/reset-password/%C0%AF");
    expect(page.seen?.url).toBe("/_undecodable");
    expect(nonceOf(page.headers["content-security-policy"])).toBeTruthy();

    const fine = await send("/api/v1/projects/%20");
    expect(fine.seen?.url).toBe("/api/v1/projects/%20");
  });

  it("refuses a request target over 8 KiB before routing (a redirect would echo it)", async () => {
    const long = `next=${"%F0%9F%98%80".repeat(700)}`;
    const page = await send(`/o/acme/?${long}`);
    expect(page.status).toBe(414);
    expect(page.seen).toBeNull();
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    const api = await send(`/api/v1/projects?${long}`);
    expect(api.status).toBe(400);
    expect(api.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(api.body)).toMatchObject({ title: "Invalid request", status: 400 });
    const justUnder = `/login?${"a".repeat(8000)}`;
    expect((await send(justUnder)).seen?.url).toBe(justUnder);
  });

  it("answers a request target no URL parser reads with a 400, and keeps serving", async () => {
    for (const target of ["//[", "http://[::1", "http://host:99999/dashboard"]) {
      const r = await send(target);
      expect(r.status, target).toBe(400);
      expect(r.seen, target).toBeNull();
      expect(r.headers["x-content-type-options"], target).toBe("nosniff");
    }
    expect((await send("/login")).status).toBe(200);
  });
});
