import { describe, expect, it } from "vitest";
import { siteConfig } from "@/lib/site-config";
import {
  checkNewPassword,
  codePointLength,
  newPasswordSchema,
  passwordInputSchema,
} from "./password-policy";

const valid = (p: string) => newPasswordSchema.safeParse(p).success;

describe("password length (A1, A2): counted in code points", () => {
  it("rejects 14 and accepts 15 ASCII characters", () => {
    expect(valid("a".repeat(14))).toBe(false);
    expect(valid("abcdefghijklmno")).toBe(true);
  });

  it("counts emoji as one character each, not UTF-16 units or bytes", () => {
    const fifteen = "🦊".repeat(15);
    expect(fifteen.length).toBe(30);
    expect(codePointLength(fifteen)).toBe(15);
    expect(valid(fifteen)).toBe(true);
    expect(valid("🦊".repeat(14))).toBe(false);
  });

  it("allows 64 and 1,024 characters and rejects 1,025", () => {
    expect(valid("x".repeat(64))).toBe(true);
    expect(valid("x".repeat(1024))).toBe(true);
    expect(valid("x".repeat(1025))).toBe(false);
    expect(passwordInputSchema.safeParse("x".repeat(1_000_000)).success).toBe(false);
  });

  it("never trims or truncates (A5)", () => {
    const spaced = "  Correct Horse  Battery  ";
    expect(newPasswordSchema.parse(spaced)).toBe(spaced);
    expect(passwordInputSchema.parse(spaced)).toBe(spaced);
  });
});

describe("blocklist and context words (A3, A4)", () => {
  it("accepts a 20-character lowercase passphrase: no composition rules", () => {
    expect(checkNewPassword("plum kettle orbit sky")).toBeNull();
  });

  it.each([
    "password123456789",
    "qwerty123456789",
    "1qaz2wsx3edc4rfv",
    `${siteConfig.name.toLowerCase()}2026!!!!!!!!`,
    `${siteConfig.name}2026!!!!!!!!`,
    "aaaaaaaaaaaaaaaaaaaa",
  ])("rejects %s with a reason", (password) => {
    expect(checkNewPassword(password)).toMatch(/too common|email address|name of this service/);
  });

  it("rejects the email's local part padded with digits", () => {
    expect(checkNewPassword("margaret.h12345678901", { email: "Margaret.H@example.com" })).toMatch(
      /email/,
    );
    expect(checkNewPassword("margaret.h12345678901", { email: "someone@example.com" })).toBeNull();
  });

  it("accepts the demo passwords the seed prints", () => {
    expect(checkNewPassword("analytical engine notes")).toBeNull();
    expect(checkNewPassword("first compiler in 1952")).toBeNull();
  });
});
