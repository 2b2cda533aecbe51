import { describe, expect, it } from "vitest";
import { extractLinks, splitLinks } from "./links";

describe("extractLinks", () => {
  it("finds http(s) links in text, without the punctuation that ends a sentence", () => {
    const text =
      "Accept: https://app.test/i/abc?x=1&y=2.\n(Or http://localhost:3000/help), thanks!";
    expect(extractLinks(text)).toEqual([
      "https://app.test/i/abc?x=1&y=2",
      "http://localhost:3000/help",
    ]);
  });

  it("adds HTML hrefs not already in the text, decoding entities, once each", () => {
    const html = `<a href="https://app.test/i/abc?x=1&amp;y=2">A</a> <a href='https://app.test/other'>B</a>`;
    expect(extractLinks("https://app.test/i/abc?x=1&y=2", html)).toEqual([
      "https://app.test/i/abc?x=1&y=2",
      "https://app.test/other",
    ]);
  });

  it("ignores links that are not http(s)", () => {
    const html = `<a href="javascript:alert(1)">x</a><a href="mailto:a@b.test">y</a>`;
    expect(extractLinks("javascript:alert(1) ftp://files.test/x data:text/html,hi", html)).toEqual(
      [],
    );
  });
});

describe("splitLinks", () => {
  it("cuts text into plain runs and links, losing nothing", () => {
    const text = "Open https://app.test/a. Then http://b.test/c";
    const parts = splitLinks(text);
    expect(parts).toEqual([
      { text: "Open " },
      { text: "https://app.test/a", href: "https://app.test/a" },
      { text: ". Then " },
      { text: "http://b.test/c", href: "http://b.test/c" },
    ]);
    expect(parts.map((p) => p.text).join("")).toBe(text);
  });

  it("returns plain text as a single run", () => {
    expect(splitLinks("no links here")).toEqual([{ text: "no links here" }]);
  });
});
