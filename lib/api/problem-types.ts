/**
 * Every kind of error the HTTP API answers with (RFC 9457 problem details). The `type` of each
 * is a stable URI, `<APP_URL>/problems/<kind>`, which serves this description as a page; the
 * status and title never change for a kind, so clients can branch on `type` (docs/api.md).
 * No `server-only`: tests and the OpenAPI document read the same list.
 */
export const PROBLEMS = {
  "invalid-request": {
    status: 400,
    title: "Invalid request",
    description:
      "The request could not be read: malformed JSON, or a required header such as X-Org is missing.",
  },
  "key-in-query": {
    status: 400,
    title: "API key in the URL",
    description:
      "An API key was sent in the query string, where proxies and logs keep it. Send it only in the Authorization header: `Authorization: Bearer sk_live_…`. Treat the key as leaked and revoke it.",
  },
  unauthenticated: {
    status: 401,
    title: "Authentication required",
    description:
      "No valid credentials: send an API key as `Authorization: Bearer sk_live_…`. Unknown, revoked and expired keys, and keys whose creator has left the organization, all get this answer.",
  },
  forbidden: {
    status: 403,
    title: "Forbidden",
    description:
      "The credentials are valid but may not do this: the key lacks the scope (or its creator's role no longer has the permission), or a cookie-authenticated write came from another site.",
  },
  "not-found": {
    status: 404,
    title: "Not found",
    description:
      "No such resource in this organization. Ids of other organizations get the same answer as ids that never existed.",
  },
  conflict: {
    status: 409,
    title: "Conflict",
    description: "The change clashes with existing data, such as a name already in use.",
  },
  "payload-too-large": {
    status: 413,
    title: "Request body too large",
    description: "The request body is larger than the endpoint accepts (16 KiB).",
  },
  "unsupported-media-type": {
    status: 415,
    title: "Unsupported media type",
    description: "Request bodies must be JSON, sent with `Content-Type: application/json`.",
  },
  "validation-failed": {
    status: 422,
    title: "Validation failed",
    description:
      "The path, query or body did not match the endpoint's schema. `errors` lists every problem as `{ in, field, message }`; unknown fields are errors too.",
  },
  "rate-limited": {
    status: 429,
    title: "Too many requests",
    description:
      "The key (or signed-in user), its organization, or the client IP used up its requests for this window. `Retry-After` says how many seconds to wait; `RateLimit-Policy` names the budget that was spent.",
  },
  internal: {
    status: 500,
    title: "Internal error",
    description:
      "Something failed on our side. The answer carries a `requestId` to quote when reporting it; never any detail of the failure.",
  },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export function isProblemKind(value: string): value is ProblemKind {
  return Object.hasOwn(PROBLEMS, value);
}

/** The stable `type` URI of a kind, on this deployment's origin. */
export function problemTypeUri(kind: ProblemKind, appUrl: string): string {
  return new URL(`/problems/${kind}`, appUrl).toString();
}
