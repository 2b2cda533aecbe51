/**
 * A user agent string reduced to "Browser on OS" for the audit log table. Families only, no
 * versions: enough to tell "was that my laptop?", and the full string stays in the database.
 * Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
 */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bHeadlessChrome\//, "Headless Chrome"],
  [/\bChrom(e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/^curl\//, "curl"],
  [/\bnode-fetch\b|\bundici\b|^node\b/i, "Node.js"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, "Windows"],
  [/\biPhone|iPad|iPod\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

function family(value: string, list: [RegExp, string][]): string | null {
  return list.find(([pattern]) => pattern.test(value))?.[1] ?? null;
}

export function userAgentFamily(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = family(userAgent, BROWSERS);
  const system = family(userAgent, SYSTEMS);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Other";
}
