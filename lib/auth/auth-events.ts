/**
 * The user-level security log (checklist A15): sign-ins (both outcomes), sign-ups and
 * sign-outs, with the method, the email typed, IP and user agent. It never receives a password,
 * token or code: callers pass only the fields below. Organization-level events go to the org's
 * audit log instead (lib/audit).
 */
import "server-only";
import { insertAuthEvent } from "@/db/lookups";
import type { AuthEventKind } from "@/db/schema/auth-events";
import { requestMeta } from "@/lib/request-meta";

export async function recordAuthEvent(entry: {
  event: AuthEventKind;
  outcome: "success" | "failure";
  email: string | null;
  /** How the user proved who they are: "password", "invitation", an OAuth provider's id, … */
  method?: string;
}): Promise<void> {
  // Outside a request (scripts, tests) there is no client to record.
  const { ip, userAgent } = await requestMeta().catch(() => ({ ip: null, userAgent: null }));
  await insertAuthEvent({
    event: entry.event,
    outcome: entry.outcome,
    method: entry.method ?? "password",
    email: entry.email,
    ip,
    userAgent,
  });
}
