import { describe, expect, it } from "vitest";
import { encodeKeysetCursor, parseKeysetCursor } from "./keyset-cursor";

const id = "0b9f5c8e-3d2a-4c1b-9e8f-7a6b5c4d3e2f";

describe("parseKeysetCursor", () => {
  it("reads a cursor the app wrote, and writes it back the same", () => {
    const value = `2026-12-03T17:45:12.123456Z_${id}`;
    expect(parseKeysetCursor(value)).toEqual({ time: "2026-12-03T17:45:12.123456Z", id });
    expect(encodeKeysetCursor(parseKeysetCursor(value)!)).toBe(value);
    expect(parseKeysetCursor(`2024-02-29T23:59:59.000000Z_${id}`)).not.toBeNull();
  });

  it.each([
    // The right shape, but Postgres cannot read it as timestamptz (JavaScript's Date rolls the
    // first one over to March 2) or as a uuid.
    `2026-02-30T00:00:00.000000Z_${id}`,
    `2025-02-29T00:00:00.000000Z_${id}`,
    `2026-13-45T99:99:99.000000Z_${id}`,
    `2026-12-03T24:00:00.000000Z_${id}`,
    `0000-01-01T00:00:00.000000Z_${id}`,
    `2026-12-03T17:45:12.123456Z_${"a".repeat(36)}`,
    `2026-12-03T17:45:12.123456Z_${"-".repeat(36)}`,
    // Not the shape.
    "nope",
    `2026-12-03T17:45:12.123Z_${id}`,
    `2026-12-03T17:45:12.123456Z${id}`,
  ])("refuses %s", (value) => {
    expect(parseKeysetCursor(value)).toBeNull();
  });
});
