/**
 * `?page=` as a page number, or null when it is missing or not a plain positive integer
 * ("0", "-1", "2.5", "1e3", "abc", repeated params). The page then redirects to the
 * canonical URL rather than rendering a page that does not match its address.
 */
export function parsePageParam(value: string | string[] | undefined): number | null {
  if (typeof value !== "string" || !/^[1-9][0-9]{0,8}$/.test(value)) return null;
  return Number(value);
}
