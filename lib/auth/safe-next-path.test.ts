import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath (C5, checklist §2.6)", () => {
  it.each([
    "https://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/%09/evil.example",
    "/\t/evil.example",
    " //evil.example",
    "https://app.example.com.evil.example",
    "https://app.example.com@evil.example",
    "/%E0%A4%A",
    "",
    // Encoded variants (OAuth return path, issue 5 item 6).
    "/%2f%2fevil.example",
    "/%2F/evil.example",
    "/%5c%5cevil.example",
    "/%5C/evil.example",
    "%5C%5Cevil.example",
    "https%3A%2F%2Fevil.example",
    "https:%2F%2Fevil.example",
    "/%0a/evil.example",
    "/%00/evil.example",
    "\\evil.example",
    "evil.example",
    // Dot segments that resolve to a protocol-relative URL.
    "/.//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/a/..//evil.example",
    "/a/b/../..//evil.example",
  ])("refuses %j", (payload) => {
    expect(safeNextPath(payload)).toBeNull();
  });

  it("refuses non-strings", () => {
    expect(safeNextPath(["/dashboard"])).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
    expect(safeNextPath(42)).toBeNull();
  });

  it("keeps same-origin paths with their query", () => {
    expect(safeNextPath("/settings")).toBe("/settings");
    expect(safeNextPath("/o/acme/projects?page=2")).toBe("/o/acme/projects?page=2");
    expect(safeNextPath("/login?next=//evil.example")).toBe("/login?next=//evil.example");
    // Double encoding decodes once to a harmless path segment, still on our origin.
    expect(safeNextPath("/%252F%252Fevil.example")).toBe("/%252F%252Fevil.example");
  });
});
