/**
 * The one way to build a server action (ADR 004). Server actions are public POST endpoints:
 * whoever knows an action's id can call it with any body, so every guard lives here, not in
 * the page that renders the form.
 *
 * Order, on every call: session -> organization membership (from the input's `org` slug,
 * checked against the database each time) -> permission (lib/authz/authorize.ts, from the
 * role loaded this request; refusals are audited as authz.denied) -> text Postgres cannot
 * store (lib/storable-text.ts) -> zod parse -> in the org's transaction: the attribute rule
 * when the role holds the permission only for what the caller created (the definition's
 * `owned` loads the resource) -> handler, which records its audit entry with `ctx.audit` in
 * the same transaction -> typed result. `permission` is required:
 * 'public' and 'authenticated' must be written out; any catalogue permission makes it an
 * organization action. 'platform-admin' actions (ADR 015) need a signed-in platform admin and
 * no organization; the database functions they call check that again.
 * Unexpected errors are logged with a request id and answered generically; redirect() and
 * notFound() pass through, after the transaction has committed.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { withTenant, type Transaction } from "@/db/tenant";
import { isPlatformAdmin } from "@/lib/admin/platform-admin";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current-session";
import { can, grantFor, type Owned } from "@/lib/authz/authorize";
import type { Permission } from "@/lib/authz/permissions";
import { recordAudit, type AuditEvent } from "@/lib/audit/record-audit";
import { errorFields, log } from "@/lib/log";
import { getSessionMembership, type OrgMembership } from "@/lib/orgs/membership";
import { orgSlugSchema } from "@/lib/orgs/slug";
import { currentRequestId, incomingRequestId, withRequestId } from "@/lib/request-context";
import { UNSTORABLE_MESSAGE, unstorablePaths } from "@/lib/storable-text";
import { fail, type ActionFailure, type FormAction } from "./action-result";

export type Access = "public" | "authenticated" | "platform-admin" | Permission;

/** What a handler receives: for organization actions, the membership, transaction and audit. */
export type Context<A extends Access> = { requestId: string } & (A extends "public"
  ? { session: CurrentSession | null }
  : A extends "authenticated" | "platform-admin"
    ? { session: CurrentSession }
    : {
        session: CurrentSession;
        membership: OrgMembership;
        tx: Transaction;
        /** Records an audit entry in this action's transaction. */
        audit: (event: AuditEvent) => Promise<void>;
      });

interface ActionDefinition<A extends Access, S extends z.ZodType<Record<string, unknown>>, R> {
  /** Who may call it. Organization actions take the org's slug in an `org` field. */
  permission: A;
  input: S;
  /**
   * For permissions with an attribute rule (lib/authz/authorize.ts CREATOR_RULES): loads the
   * resource the input names, so a role that holds the permission only for what its member
   * created can be checked. Without it, such roles are refused.
   */
  owned?: (input: z.output<S>, tx: Transaction) => Promise<Owned | null>;
  /** Returns data for success, `fail(...)` for an expected failure, or redirects. */
  handler: (input: z.output<S>, ctx: Context<A>) => Promise<R>;
}

const SENSITIVE = /pass|token|secret|code|otp/i;
const NOT_FOUND = "We couldn't find that. It may have been deleted, or you may not have access.";
const FORBIDDEN = "Your role in this organization doesn't allow this. Ask an owner or admin.";
const NOT_PLATFORM_ADMIN = "Only a platform admin can do this.";

/** FormData (or anything else a caller POSTs) to a plain object of strings. */
function toObject(raw: unknown): Record<string, unknown> {
  if (raw instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of raw.entries()) {
      if (key.startsWith("$ACTION")) continue;
      out[key] = typeof value === "string" ? value : null;
    }
    return out;
  }
  if (raw && typeof raw === "object" && !Array.isArray(raw)) return { ...raw };
  return {};
}

function keptValues(raw: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string" && !SENSITIVE.test(key) && value.length <= 2048)
      values[key] = value;
  }
  return values;
}

function isFailure(value: unknown): value is ActionFailure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

/** Next's redirect()/notFound() errors, which must escape the action untouched. */
function controlFlow(error: unknown): unknown | null {
  try {
    unstable_rethrow(error);
    return null;
  } catch (flow) {
    return flow;
  }
}

/** Runs the handler in the org's transaction; a redirect is thrown only after COMMIT. */
async function inTenant<R>(
  membership: OrgMembership,
  run: (tx: Transaction) => Promise<R>,
): Promise<R> {
  let deferred: unknown = null;
  const result = await withTenant(
    { orgId: membership.orgId, userId: membership.userId },
    async (tx) => {
      try {
        return await run(tx);
      } catch (error) {
        deferred = controlFlow(error);
        if (deferred === null) throw error;
        return undefined as R;
      }
    },
  );
  if (deferred !== null) throw deferred;
  return result;
}

/** Z12: a refused permission is logged and audited in the member's org. */
async function auditDenial(membership: OrgMembership, permission: Permission, requestId: string) {
  const { userId, orgId } = membership;
  log("warn", "authz.denied", { requestId, userId, orgId, permission });
  try {
    await withTenant({ orgId, userId }, (tx) =>
      recordAudit(
        tx,
        { orgId, actorId: userId },
        { action: "authz.denied", targetType: "permission", targetId: permission, metadata: {} },
      ),
    );
  } catch (error) {
    log("error", "audit.failed", { requestId, ...errorFields(error) });
  }
}

export function defineAction<A extends Access, S extends z.ZodType<Record<string, unknown>>, R>(
  definition: ActionDefinition<A, S, R>,
): FormAction<Exclude<R, ActionFailure>> {
  type T = Exclude<R, ActionFailure>;
  const action: FormAction<T> = async (_previous, formData) => {
    const requestId = currentRequestId() ?? crypto.randomUUID();
    const raw = toObject(formData);
    const values = keptValues(raw);
    try {
      const permission = definition.permission;
      const orgLevel =
        permission !== "public" &&
        permission !== "authenticated" &&
        permission !== "platform-admin";
      const slug = orgLevel ? orgSlugSchema.safeParse(raw.org) : null;
      // Org actions read the session and the membership in one lookup.
      const context = slug?.success ? await getSessionMembership(slug.data) : null;
      const session = slug?.success ? (context?.session ?? null) : await getCurrentSession();
      if (permission !== "public" && !session) {
        return fail({ formError: "Your session has ended. Sign in again to continue.", values });
      }
      if (permission === "platform-admin" && !(await isPlatformAdmin(session!.userId))) {
        log("warn", "authz.denied", { requestId, userId: session!.userId, permission });
        return fail({ formError: NOT_PLATFORM_ADMIN, values });
      }
      let membership: OrgMembership | null = null;
      let grant: "all" | "own" | null = null;
      if (orgLevel) {
        membership = context?.membership ?? null;
        if (!membership) return fail({ formError: NOT_FOUND, values });
        grant = grantFor(membership, permission);
        if (!grant) {
          await auditDenial(membership, permission, requestId);
          return fail({ formError: FORBIDDEN, values });
        }
      }
      const unstorable = unstorablePaths(raw).map(([field]) => [field!, [UNSTORABLE_MESSAGE]]);
      if (unstorable.length > 0)
        return fail({ fieldErrors: Object.fromEntries(unstorable), values });
      const parsed = definition.input.safeParse(raw);
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        return fail({
          formError:
            flat.formErrors.length > 0 ? "The form contained unexpected fields." : undefined,
          fieldErrors: flat.fieldErrors as Record<string, string[]>,
          values,
        });
      }
      const run = (ctx: object) =>
        definition.handler(parsed.data, { session, requestId, ...ctx } as unknown as Context<A>);
      const result = membership
        ? await inTenant(membership, async (tx) => {
            const member = membership!;
            if (grant === "own") {
              const resource = definition.owned ? await definition.owned(parsed.data, tx) : null;
              if (!resource) return fail({ formError: NOT_FOUND });
              if (!can(member, permission as Permission, resource)) {
                return fail({ formError: FORBIDDEN });
              }
            }
            const audit = (event: AuditEvent) =>
              recordAudit(tx, { orgId: member.orgId, actorId: member.userId }, event);
            return run({ membership: member, tx, audit });
          })
        : await run({});
      if (isFailure(result)) return { ...result, values: result.values ?? values };
      return { ok: true, data: result as T };
    } catch (error) {
      unstable_rethrow(error);
      log("error", "action.failed", { requestId, ...errorFields(error) });
      return fail({
        formError: `Something went wrong on our side. Please try again. (Reference: ${requestId})`,
        values,
      });
    }
  };
  // The id server.ts gave this request, for the result and for every log line on the way.
  return async (previous, formData) =>
    withRequestId(await incomingRequestId(), () => action(previous, formData));
}
