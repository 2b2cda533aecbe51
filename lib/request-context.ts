/**
 * The request id of the code running now, for log lines (lib/log.ts). defineAction and
 * defineRoute run their handlers inside `withRequestId`, so everything a handler calls logs
 * with the id without passing it along. Page rendering has no such wrapper: there, errors
 * reach instrumentation.ts `onRequestError`, which logs them with the id from the headers.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { parseRequestId, REQUEST_ID_HEADER } from "./request-id";

const storage = new AsyncLocalStorage<{ requestId: string }>();

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/** The id server.ts gave this request, or a new one where it gives none (e.g. /api). */
export async function incomingRequestId(): Promise<string> {
  let fromProxy: string | null = null;
  try {
    fromProxy = parseRequestId((await headers()).get(REQUEST_ID_HEADER));
  } catch (error) {
    unstable_rethrow(error); // Next's own signals (e.g. a prerender bailing out) pass through
    // Otherwise there is no request: a script or a test calling an action directly.
  }
  return fromProxy ?? crypto.randomUUID();
}
