import { describe, expect, it } from "vitest";
import { describeMetadata } from "./describe-metadata";
import { userAgentFamily } from "./user-agent-family";

describe("describeMetadata", () => {
  it("reads a from/to change as one line per field", () => {
    expect(describeMetadata({ from: { name: "Old" }, to: { name: "New" } })).toEqual([
      "name: Old → New",
    ]);
  });

  it("shows other values as key: value, JSON for non-strings, cut when long", () => {
    const lines = describeMetadata({
      name: "Apollo",
      count: 3,
      tags: ["a"],
      long: "x".repeat(500),
    });
    expect(lines.slice(0, 3)).toEqual(["name: Apollo", "count: 3", 'tags: ["a"]']);
    expect(lines[3]!.length).toBeLessThan(140);
  });

  it("returns markup as plain text (the page escapes it)", () => {
    expect(describeMetadata({ name: "<img src=x onerror=alert(1)>" })).toEqual([
      "name: <img src=x onerror=alert(1)>",
    ]);
  });

  it("caps the number of lines", () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    expect(describeMetadata(many).at(-1)).toBe("(12 more)");
  });
});

describe("userAgentFamily", () => {
  it.each([
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Chrome on Windows",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      "Safari on macOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      "Safari on iOS",
    ],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux"],
    [
      "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    ["curl/8.5.0", "curl"],
    ["something else entirely", "Other"],
  ])("%s -> %s", (ua, expected) => {
    expect(userAgentFamily(ua)).toBe(expected);
  });

  it("is null without a user agent", () => {
    expect(userAgentFamily(null)).toBeNull();
  });
});
