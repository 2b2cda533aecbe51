/**
 * The checked-in permission matrix (permission-matrix.json): every server action, the access
 * it declares, and what each built-in role gets. Tests hold the source, the authorization code
 * and the production build to it; it is also the reference table for docs/permissions.md.
 */
import type { BuiltInRole } from "@/db/schema/org-roles";
import matrix from "./permission-matrix.json";

export type Verdict = "allow" | "own" | "deny";

export interface MatrixEntry {
  access: string;
  roles?: Record<BuiltInRole, Verdict>;
}

/** "file#exportName" -> entry. */
export const ACTION_MATRIX = matrix.actions as Record<string, MatrixEntry>;
