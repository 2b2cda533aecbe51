import type { ProblemKind } from "./problem-types";

/**
 * An expected failure inside an API handler: thrown, it rolls back the request's transaction
 * and becomes a problem+json answer of its kind, with `detail` (written for the caller, never
 * an exception's text) and any extra members.
 */
export class ApiError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? kind);
    this.name = "ApiError";
  }
}

export interface FieldProblem {
  /** Where the field was: the path, the query string, a header or the JSON body. */
  in: "path" | "query" | "header" | "body";
  /** Dotted path within that part; empty for the part as a whole. */
  field: string;
  message: string;
}

export function validationError(errors: FieldProblem[]): ApiError {
  const detail =
    errors.length === 1
      ? "One field is invalid; see errors."
      : `${errors.length} fields are invalid; see errors.`;
  return new ApiError("validation-failed", detail, { errors });
}
