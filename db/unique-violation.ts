const UNIQUE_VIOLATION = "23505";

/**
 * Whether `error` is Postgres refusing a duplicate on `constraint` (a unique constraint or
 * index). Drizzle wraps driver errors, so the Postgres error may sit in `cause`. Naming the
 * constraint keeps an unrelated duplicate from being reported as the user's mistake.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name } = e as { code?: unknown; constraint_name?: unknown };
    if (code === UNIQUE_VIOLATION) return constraint_name === constraint;
  }
  return false;
}
