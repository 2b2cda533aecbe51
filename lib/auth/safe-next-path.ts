/**
 * Open-redirect guard for `?next=` (checklist C5, §2.6): only a same-origin relative path.
 * Returns null for anything else, and the caller falls back to its default.
 */
const BASE = "http://n.invalid";

export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  // Control characters and whitespace (including encoded forms) are never in our paths.
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  if (/[\u0000-\u0020\u007f\\]/.test(value) || /[\u0000-\u0020\u007f\\]/.test(decoded)) return null;
  if (decoded.startsWith("//")) return null;
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return null;
  // Dot segments resolve away: "/.//evil.example" and "/a/..//evil.example" become
  // "//evil.example", which a browser reads as another host. Check what is returned, too.
  if (url.pathname.startsWith("//") || url.pathname.startsWith("/\\")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
