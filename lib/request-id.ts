/**
 * The request id (checklist I8): server.ts (lib/http/prepare-request.ts) gives every page and
 * server action request one in this header, after deleting whatever a client sent on any path;
 * defineRoute makes one for API routes. Log lines, error answers and error pages carry it.
 * No `server-only` here: server.ts imports it.
 */
export const REQUEST_ID_HEADER = "x-request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The header's value if it is an id prepareRequest could have made, else null. */
export function parseRequestId(value: string | null | undefined): string | null {
  return value && UUID.test(value) ? value : null;
}
