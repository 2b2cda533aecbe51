/**
 * Reading what a caller sent, for the API wrapper: the query string and path parameters as
 * plain objects, and a JSON body within a size limit. Every failure is an ApiError of a
 * documented kind; nothing here lets a malformed request reach a handler or become a 500.
 */
import "server-only";
import type { z } from "zod";
import { UNSTORABLE_MESSAGE, unstorablePaths } from "@/lib/storable-text";
import { ApiError, validationError, type FieldProblem } from "./api-error";

/** Bodies larger than this are refused (413) before they are parsed; docs/api.md says so. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The query string as an object; a repeated name becomes an array (which schemas refuse). */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = out[name];
    out[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return out;
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new ApiError("payload-too-large");
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError("payload-too-large");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as parsed JSON: 415 unless it is declared JSON, 413 when too big, 400 if malformed. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError(
      "unsupported-media-type",
      "Send the body as JSON with Content-Type: application/json.",
    );
  }
  const bytes = await readLimited(request, limit);
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new ApiError("invalid-request", "The body is not valid JSON (UTF-8).");
  }
}

/**
 * Parses one part of the request with its schema, or throws 422 listing every problem. Text
 * Postgres cannot store is refused first, in any field (lib/storable-text.ts).
 */
export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: FieldProblem["in"],
): z.output<S> {
  const unstorable = unstorablePaths(value);
  if (unstorable.length > 0) {
    throw validationError(
      unstorable.map((path) => ({ in: where, field: path.join("."), message: UNSTORABLE_MESSAGE })),
    );
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(
    result.error.issues.flatMap((issue): FieldProblem[] => {
      const field = issue.path.map(String).join(".");
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({
          in: where,
          field: field ? `${field}.${key}` : key,
          message: "Unknown field: this endpoint does not accept it.",
        }));
      }
      return [{ in: where, field, message: issue.message }];
    }),
  );
}
