import { API_KEY_PREFIX } from "@/lib/api-keys/api-key-token";
import { ApiError } from "./api-error";

/** Query parameter names that clients commonly (and wrongly) put keys in. */
const KEY_PARAMS = new Set(["key", "api_key", "apikey", "api-key", "access_token"]);

/**
 * Checklist K2: keys only in `Authorization: Bearer`. A key in a URL ends up in proxy and server
 * logs, browser history and Referer headers, so one there is refused, with where it belongs,
 * before it is looked at (a valid key sent this way is treated as leaked: see docs/api.md).
 */
export function refuseKeyInQuery(url: URL): void {
  for (const [name, value] of url.searchParams) {
    if (KEY_PARAMS.has(name.toLowerCase()) || value.startsWith(API_KEY_PREFIX)) {
      throw new ApiError(
        "key-in-query",
        `API keys are accepted only in the Authorization header ("Authorization: Bearer ${API_KEY_PREFIX}…"), never in the URL. Remove the "${name}" parameter, and revoke the key if it was real: URLs end up in logs.`,
      );
    }
  }
}
