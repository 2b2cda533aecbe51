/**
 * Calling server actions the way an attacker can: by id, over HTTP, with any body. The ids
 * come from the production build's action manifest.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

export interface BuiltAction {
  id: string;
  /** "app/.../actions.ts#exportName", the permission matrix's key. */
  key: string;
  name: string;
  /** A page entry the action is bound to, e.g. "app/(app)/o/[org]/settings/page". */
  worker: string;
}

let cached: BuiltAction[] | null = null;

export function builtActions(): BuiltAction[] {
  if (cached) return cached;
  const file = path.resolve(".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: object }>;
  };
  cached = Object.entries(manifest.node).map(([id, action]) => ({
    id,
    key: `${action.filename}#${action.exportedName}`,
    name: action.exportedName,
    worker: Object.keys(action.workers)[0]!,
  }));
  return cached;
}

export function builtAction(name: string): BuiltAction {
  const action = builtActions().find((a) => a.name === name);
  if (!action) throw new Error(`No server action ${name} in the build`);
  return action;
}

/** "app/(app)/o/[org]/settings/page" -> "/o/<slug>/settings". */
export function pageFor(worker: string, slug: string): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace("[org]", slug)
    .replace("[id]", crypto.randomUUID())
    .replace("[token]", "no-such-token");
  return route || "/";
}

/**
 * POSTs `body` to the action as its second argument (after the useActionState state), with a
 * same-origin Origin, and returns "<status> <response text>". Without `cookie`, a junk session
 * cookie gets past the proxy's optimistic redirect so the action itself has to refuse.
 */
export async function callAction(
  request: APIRequestContext,
  baseURL: string,
  action: BuiltAction,
  { slug, body, cookie }: { slug: string; body: Record<string, string>; cookie?: string },
): Promise<string> {
  const response = await request.post(pageFor(action.worker, slug), {
    headers: {
      "Next-Action": action.id,
      Origin: baseURL,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Cookie: `__Host-session=${cookie ?? "not-a-real-session"}`,
    },
    data: JSON.stringify([null, body]),
    maxRedirects: 0,
  });
  return `${response.status()} ${await response.text()}`;
}
