import { describe, expect, it } from "vitest";
import { InvalidMailError, parseMailMessage, recipientDomain } from "./mail-message";

const good = { to: "ada@example.test", subject: "Hello", text: "Hi" };

describe("parseMailMessage", () => {
  it("accepts one address, a one-line subject and a text body", () => {
    expect(parseMailMessage({ ...good, html: "<p>Hi</p>" })).toEqual({
      ...good,
      html: "<p>Hi</p>",
    });
  });

  it.each([
    ["to", "ada@example.test\r\nBcc: x@evil.test", /to must not contain line breaks/],
    ["to", "ada@example.test; x@evil.test", /to must be exactly one email address/],
    ["to", "", /to must be exactly one email address/],
    ["subject", "Hi\nBcc: x@evil.test", /subject must not contain line breaks/],
    ["subject", "", /subject must not be empty/],
    ["text", "", /text must not be empty/],
  ])("refuses %s = %j", (field, value, message) => {
    expect(() => parseMailMessage({ ...good, [field]: value })).toThrow(InvalidMailError);
    expect(() => parseMailMessage({ ...good, [field]: value })).toThrow(message);
  });
});

describe("recipientDomain", () => {
  it("is the lower-cased part after the last @", () => {
    expect(recipientDomain("Ada.Lovelace@Example.TEST")).toBe("example.test");
  });
});
