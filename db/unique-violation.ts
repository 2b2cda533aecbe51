import { isPostgresError, PG_ERROR } from "./postgres-error";

/** Whether `error` is Postgres refusing a duplicate on `constraint` (a unique constraint or index). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return isPostgresError(error, PG_ERROR.uniqueViolation, constraint);
}
