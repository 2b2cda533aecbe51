/**
 * Shared by the root layout (server) and ThemeToggle (client). It lives outside the
 * "use client" module because a server component importing a value from one gets a client
 * reference, not the value.
 */
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "__Host-theme";

/** The cookie is user-controlled and lands in a class attribute, so only known values pass. */
export function parseTheme(value: string | undefined): Theme {
  return THEMES.find((theme) => theme === value) ?? "system";
}
