/**
 * The local OAuth providers `npm test` runs for the whole test run (docs/testing.md): a real
 * OpenID provider standing in for Google and a GitHub-shaped server. `env` points the app's
 * OAuth configuration at them, so the app under test talks to nothing on the internet.
 */
import { startGitHubProvider } from "./github";
import { startOidcProvider } from "./oidc";

export interface OAuthTestProviders {
  env: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startOAuthTestProviders(appUrl: string): Promise<OAuthTestProviders> {
  const google = await startOidcProvider({ redirectUri: `${appUrl}/auth/callback/google` });
  const github = await startGitHubProvider({ redirectUri: `${appUrl}/auth/callback/github` });
  return {
    env: {
      GOOGLE_CLIENT_ID: google.clientId,
      GOOGLE_CLIENT_SECRET: google.clientSecret,
      GOOGLE_AUTHORIZE_URL: google.authorizeUrl,
      GOOGLE_TOKEN_URL: google.tokenUrl,
      GOOGLE_JWKS_URL: google.jwksUrl,
      GOOGLE_ISSUER: google.issuer,
      GITHUB_CLIENT_ID: github.clientId,
      GITHUB_CLIENT_SECRET: github.clientSecret,
      GITHUB_AUTHORIZE_URL: github.authorizeUrl,
      GITHUB_TOKEN_URL: github.tokenUrl,
      GITHUB_API_URL: github.apiUrl,
    },
    stop: async () => {
      await Promise.all([google.stop(), github.stop()]);
    },
  };
}
