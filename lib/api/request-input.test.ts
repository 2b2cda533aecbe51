import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "./api-error";
import { parsePart } from "./request-input";

const body = z.strictObject({ name: z.string(), tags: z.array(z.string()).optional() });

function refusal(value: unknown): ApiError {
  try {
    parsePart(body, value, "body");
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("parsePart accepted the value");
}

describe("parsePart", () => {
  it("refuses text Postgres cannot store (NUL, an unpaired surrogate) as 422 on its field", () => {
    const error = refusal({ name: "a\u0000b", tags: ["ok", "\uD800"] });
    expect(error.kind).toBe("validation-failed");
    expect(error.extra.errors).toEqual([
      { in: "body", field: "name", message: expect.stringMatching(/U\+0000/) },
      { in: "body", field: "tags.1", message: expect.stringMatching(/surrogate/) },
    ]);
  });

  it("accepts well-formed text, astral characters included", () => {
    expect(parsePart(body, { name: "Ada \u{1F600}" }, "body")).toEqual({ name: "Ada \u{1F600}" });
  });

  it("lists every schema problem at once, unknown fields included", () => {
    const error = refusal({ name: 1, role: "owner" });
    expect((error.extra.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      "name",
      "role",
    ]);
  });
});
