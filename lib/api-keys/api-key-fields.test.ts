import { describe, expect, it } from "vitest";
import { expiryFrom } from "./api-key-fields";
import { generateApiKey, hashApiKey, isApiKeyShaped } from "./api-key-token";

const at = new Date("2026-11-23T15:00:00Z");

describe("expiryFrom", () => {
  it("counts periods from now, and never is null", () => {
    expect(expiryFrom("30", undefined, at)).toEqual(new Date("2026-12-23T15:00:00Z"));
    expect(expiryFrom("365", undefined, at)).toEqual(new Date("2027-11-23T15:00:00Z"));
    expect(expiryFrom("never", "2020-01-01", at)).toBeNull();
  });

  it("keeps a key valid through the whole chosen day (UTC), which must be after today", () => {
    expect(expiryFrom("date", "2026-11-24", at)).toEqual(new Date("2026-11-25T00:00:00Z"));
    for (const day of ["2026-11-23", "2026-11-22", "2020-01-01"]) {
      expect(expiryFrom("date", day, at), day).toEqual({ error: "Choose a date after today" });
    }
  });

  it("refuses what is not a real date", () => {
    for (const day of [undefined, "", "tomorrow", "2026-02-30", "2026-13-01", "26-12-01"]) {
      expect(expiryFrom("date", day, at), String(day)).toEqual({
        error: "Enter a date as YYYY-MM-DD",
      });
    }
  });
});

describe("API key strings", () => {
  it("are sk_live_ plus 40 base62 characters, distinct, with a 16-character display prefix", () => {
    const keys = Array.from({ length: 200 }, generateApiKey);
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
    for (const { key, displayPrefix, secretHash } of keys) {
      expect(isApiKeyShaped(key)).toBe(true);
      expect(displayPrefix).toBe(key.slice(0, 16));
      expect(secretHash).toEqual(hashApiKey(key));
      expect(secretHash.toString("hex")).not.toContain(key.slice(16));
    }
  });

  it("are refused by shape before any lookup when they cannot be keys", () => {
    for (const value of [
      "",
      "sk_live_",
      `sk_test_${"a".repeat(40)}`,
      `sk_live_${"a".repeat(39)}`,
      `sk_live_${"a".repeat(39)}-`,
    ]) {
      expect(isApiKeyShaped(value), value).toBe(false);
    }
  });
});
