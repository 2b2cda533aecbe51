/** What every server action returns: a typed success, or every problem at once. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** A problem with the whole submission, safe to show. */
      formError?: string;
      /** Every field's problems, keyed by field name. */
      fieldErrors?: Record<string, string[]>;
      /** What the user typed, to refill the form (never passwords, tokens or codes). */
      values?: Record<string, string>;
    };

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

export function fail(failure: Omit<ActionFailure, "ok">): ActionFailure {
  return { ok: false, ...failure };
}

/** The shape `useActionState` expects; what defineAction builds. */
export type FormAction<T = never> = (
  previous: ActionResult<T> | null,
  formData: FormData,
) => Promise<ActionResult<T>>;
