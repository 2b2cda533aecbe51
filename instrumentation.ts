import type { Instrumentation } from "next";

/**
 * Runs once when a server process starts, before it takes requests: it validates the
 * environment and refuses to start if the database role could bypass row-level security.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { verifyStartup } = await import("./lib/startup");
  await verifyStartup();
}

/**
 * An error thrown while rendering a page or running a route: one log line with the request id
 * server.ts gave the request and the digest the error page shows as its reference (I8), so
 * the reference a user reports leads to this request's log lines.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ errorFields, log }, { parseRequestId, REQUEST_ID_HEADER }] = await Promise.all([
    import("./lib/log"),
    import("./lib/request-id"),
  ]);
  const header = request.headers[REQUEST_ID_HEADER];
  const digest = (error as { digest?: unknown }).digest;
  log("error", "request.failed", {
    requestId: parseRequestId(Array.isArray(header) ? header[0] : header),
    digest: typeof digest === "string" ? digest : null,
    method: request.method,
    path: request.path,
    route: context.routePath,
    routeType: context.routeType,
    ...errorFields(error),
  });
};
