/**
 * The one way to build a server action (ADR 004). Server actions are public POST endpoints:
 * whoever knows an action's id can call it with any body, so every guard lives here, not in
 * the page that renders the form.
 *
 * Order, on every call: session -> (org membership -> permission, with the organizations and
 * RBAC issues) -> zod parse -> handler -> typed result. `permission` is required; 'public'
 * and 'authenticated' must be written out. Unexpected errors are logged with a request id and
 * answered with a generic message; redirect()/notFound() pass through untouched.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current-session";
import { errorFields, log } from "@/lib/log";
import { fail, type ActionFailure, type FormAction } from "./action-result";

type Access = "public" | "authenticated";

interface Context<A extends Access> {
  session: A extends "authenticated" ? CurrentSession : CurrentSession | null;
  requestId: string;
}

interface ActionDefinition<A extends Access, S extends z.ZodType<Record<string, unknown>>, R> {
  /** Who may call it. Later issues add organization permissions (`projects:create`, ...). */
  permission: A;
  input: S;
  /** Returns data for success, `fail(...)` for an expected failure, or redirects. */
  handler: (input: z.output<S>, ctx: Context<A>) => Promise<R>;
}

const SENSITIVE = /pass|token|secret|code|otp/i;

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

export function defineAction<A extends Access, S extends z.ZodType<Record<string, unknown>>, R>(
  definition: ActionDefinition<A, S, R>,
): FormAction<Exclude<R, ActionFailure>> {
  type T = Exclude<R, ActionFailure>;
  return async (_previous, formData) => {
    const requestId = crypto.randomUUID();
    const raw = toObject(formData);
    const values = keptValues(raw);
    try {
      const session = await getCurrentSession();
      if (definition.permission === "authenticated" && !session) {
        return fail({ formError: "Your session has ended. Sign in again to continue.", values });
      }
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
      const ctx = { session, requestId } as Context<A>;
      const result = await definition.handler(parsed.data, ctx);
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
}
