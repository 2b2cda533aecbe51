/**
 * Where the "Continue with …" forms end up: the configured providers' authorization origins.
 * The pages' CSP lists them in form-action, because browsers check form-action along the
 * redirect that follows the form's POST. No `server-only`: server.ts builds the CSP from this
 * before Next.js runs. It reads public settings only (whether a client id is set, and the
 * authorize URL), never a secret. lib/env.ts takes its defaults from here.
 */
export const AUTHORIZE_URL_DEFAULTS = {
  github: "https://github.com/login/oauth/authorize",
  google: "https://accounts.google.com/o/oauth2/v2/auth",
} as const;

type Vars = Record<string, string | undefined>;

export function authorizationOrigins(vars: Vars = process.env): string[] {
  return (["github", "google"] as const).flatMap((id) => {
    const prefix = id.toUpperCase();
    // lib/env.ts refuses to start with a client id and no secret, or the other way round.
    if (!vars[`${prefix}_CLIENT_ID`]) return [];
    return [new URL(vars[`${prefix}_AUTHORIZE_URL`] || AUTHORIZE_URL_DEFAULTS[id]).origin];
  });
}
