/** The Postgres error codes the app turns into answers (PostgreSQL's errcodes appendix). */
export const PG_ERROR = {
  uniqueViolation: "23505",
  foreignKeyViolation: "23503",
  checkViolation: "23514",
  /** Also what a row-level security WITH CHECK refusal raises. */
  insufficientPrivilege: "42501",
} as const;

/**
 * Whether `error` is Postgres refusing with `code` and, when given, on `constraint`. Drizzle
 * wraps driver errors, so the Postgres error may sit in `cause`. Naming the constraint keeps an
 * unrelated refusal of the same kind from being reported as the user's mistake.
 */
export function isPostgresError(error: unknown, code: string, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const found = e as { code?: unknown; constraint_name?: unknown };
    if (found.code === code)
      return constraint === undefined || found.constraint_name === constraint;
  }
  return false;
}
