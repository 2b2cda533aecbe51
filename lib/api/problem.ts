/** RFC 9457 problem details: the only error shape the HTTP API answers with. */
import { env } from "@/lib/env";
import { PROBLEMS, problemTypeUri, type ProblemKind } from "./problem-types";

interface ProblemExtra {
  detail?: string;
  requestId?: string;
  headers?: HeadersInit;
  [key: string]: unknown;
}

export function problem(status: number, title: string, extra: ProblemExtra = {}): Response {
  const { headers, ...fields } = extra;
  return new Response(JSON.stringify({ type: "about:blank", title, status, ...fields }), {
    status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

/** A problem of one of the API's documented kinds (lib/api/problem-types.ts). */
export function apiProblem(kind: ProblemKind, extra: ProblemExtra = {}): Response {
  const { status, title } = PROBLEMS[kind];
  return problem(status, title, { type: problemTypeUri(kind, env().APP_URL), ...extra });
}
