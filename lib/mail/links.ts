/**
 * Links in an email: what the dev outbox prints and renders as clickable, and what the e2e
 * helper hands to a test. Only http(s) URLs count, so a `javascript:` text never becomes a link.
 * No `server-only`: the test harness and Playwright helpers use it outside Next too.
 */
const LINK = /https?:\/\/[^\s<>"'`]+/g;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
// Sentence punctuation right after a URL in prose ("Open https://x/y.") is not part of it.
const TRAILING = /[.,;:!?)\]}]+$/;

function trimLink(raw: string): string {
  return raw.replace(TRAILING, "");
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', "#39": "'", apos: "'" };

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? "");
}

/** Every distinct http(s) link in `text`, then any further ones in `html` hrefs, in order. */
export function extractLinks(text: string, html?: string | null): string[] {
  const links = new Set<string>();
  for (const match of text.matchAll(LINK)) links.add(trimLink(match[0]));
  for (const match of html?.matchAll(HREF) ?? []) {
    const href = decodeAttribute((match[1] ?? match[2] ?? "").trim());
    if (/^https?:\/\//i.test(href)) links.add(href);
  }
  return [...links].filter((link) => URL.canParse(link));
}

export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

/** `text` cut into plain runs and links, for rendering links without injecting HTML. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let index = 0;
  for (const match of text.matchAll(LINK)) {
    const href = trimLink(match[0]);
    const start = match.index;
    if (start > index) parts.push({ text: text.slice(index, start) });
    parts.push({ text: href, href });
    index = start + href.length;
  }
  if (index < text.length) parts.push({ text: text.slice(index) });
  return parts;
}
