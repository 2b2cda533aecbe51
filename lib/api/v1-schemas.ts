/**
 * The request and response schemas of /api/v1, in one place: the routes parse with them, the
 * OpenAPI document is generated from them (z.toJSONSchema), and the e2e tests check answers
 * against them. Request objects are strict: an unknown field is a 422, never ignored (Z6).
 * No `server-only`, so tests can import it.
 */
import { z } from "zod";
import { ALL_PERMISSIONS } from "@/lib/authz/permissions";
import { encodeKeysetCursor, parseKeysetCursor, type KeysetCursor } from "@/lib/keyset-cursor";
import { BUILT_IN_ROLES } from "@/db/schema/org-roles";
import {
  projectDescriptionSchema,
  projectIdSchema,
  projectNameSchema,
} from "@/lib/projects/schemas";

const timestamp = z.iso.datetime().meta({ description: "An RFC 3339 time in UTC." });
const permission = z.enum(ALL_PERMISSIONS as [string, ...string[]]);
const orgSummary = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const meResponse = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("api_key"),
      id: z.uuid().meta({ description: "The key's id." }),
      name: z.string(),
      prefix: z.string().meta({ description: "The start of the key, e.g. sk_live_AbCd1234." }),
      scopes: z.array(permission),
      createdBy: z.uuid().meta({ description: "The user the key acts as." }),
      expiresAt: timestamp.nullable(),
      org: orgSummary,
      permissions: z.array(permission).meta({
        description: "What the key may do now: its scopes ∩ its creator's current role.",
      }),
    }),
    z.object({
      kind: z.literal("user"),
      id: z.uuid(),
      email: z.string(),
      displayName: z.string().nullable(),
      org: orgSummary.nullable().meta({ description: "The org named by X-Org, if any." }),
      permissions: z.array(permission),
    }),
  ])
  .meta({ id: "Me" });

export const projectResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    createdBy: z.uuid().nullable().meta({ description: "Null once that account is deleted." }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Project" });

export const projectListResponse = z
  .object({
    items: z.array(projectResponse),
    nextCursor: z.string().nullable().meta({
      description: "Pass as `cursor` for the next page; null on the last page.",
    }),
  })
  .meta({ id: "ProjectList" });

export const projectListQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .meta({ description: "Projects per page, 1 to 100 (default 20)." }),
  // A page link: the creation time to the microsecond and the id (lib/projects/queries.ts).
  cursor: z
    .string()
    .refine((value) => parseKeysetCursor(value) !== null, {
      message: "Not a cursor from this API: pass nextCursor as it was given.",
    })
    .optional()
    .meta({ description: "The nextCursor of the previous page." }),
});

export function decodeCursor(cursor: string | undefined): KeysetCursor | null {
  return cursor ? parseKeysetCursor(cursor) : null;
}

export function encodeCursor(cursor: KeysetCursor | null): string | null {
  return cursor ? encodeKeysetCursor(cursor) : null;
}

export const projectCreateBody = z
  .strictObject({ name: projectNameSchema, description: projectDescriptionSchema })
  .meta({ id: "ProjectCreate" });

export const projectUpdateBody = z
  .strictObject({
    name: projectNameSchema.optional(),
    description: projectDescriptionSchema.unwrap().optional(),
  })
  .refine((b) => b.name !== undefined || b.description !== undefined, {
    message: "Send at least one of name and description.",
  })
  .meta({ id: "ProjectUpdate" });

/** Path parameters arrive as any string; a malformed id is a 404 like an unknown one (Z3). */
export const projectParams = z.strictObject({
  id: z.string().meta({ description: "The project's id (a UUID)." }),
});

export function isProjectId(id: string): boolean {
  return projectIdSchema.safeParse(id).success;
}

export const memberListResponse = z
  .object({
    items: z.array(
      z.object({
        userId: z.uuid(),
        email: z.string(),
        displayName: z.string().nullable(),
        joinedAt: timestamp,
        role: z.object({
          id: z.uuid(),
          name: z.string(),
          builtIn: z.enum(BUILT_IN_ROLES).nullable(),
        }),
      }),
    ),
  })
  .meta({ id: "MemberList" });

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A stable URI per kind of problem (docs/api.md)." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    requestId: z.uuid().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(["path", "query", "header", "body"]),
          field: z.string(),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: "For validation-failed: every invalid field." }),
  })
  .meta({ id: "Problem" });
