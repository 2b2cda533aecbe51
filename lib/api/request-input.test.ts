import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "./api-error";
import { unstorablePaths } from "@/lib/storable-text";
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

describe("unstorablePaths on hostile shapes", () => {
  it("visits objects that share children once (a 3 KB reply can describe 2^40 paths)", () => {
    let shared: Record<string, unknown> = { leaf: "\u0000" };
    for (let i = 0; i < 40; i++) shared = { a: shared, b: shared };
    // A walk of every path would never end (the test's timeout fails it).
    const paths = unstorablePaths(shared);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toHaveLength(41);
    expect(paths[0]!.at(-1)).toBe("leaf");
  });

  it("survives cycles and nesting far deeper than the call stack", () => {
    const cycle: Record<string, unknown> = { name: "ok" };
    cycle.self = cycle;
    expect(unstorablePaths(cycle)).toEqual([]);
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => unstorablePaths(deep)).not.toThrow();
    expect(() => parsePart(body, { name: deep }, "body")).toThrow(ApiError);
  });
});
