import { defineRoute } from "@/lib/api/define-route";
import { oauthErrorPath } from "@/lib/auth/oauth/error-path";
import { finishOAuth } from "@/lib/auth/oauth/finish";
import { isOAuthProviderId } from "@/lib/auth/oauth/providers";

/**
 * GET /auth/callback/<provider>: where the provider sends the browser back, with one exact
 * path per provider (checklist O3). The answer is always a redirect; next.config.ts gives this
 * path `Referrer-Policy: no-referrer`, so the code and state in its URL do not leak onwards.
 */
export const GET = defineRoute({
  permission: "public",
  handler: async (request) => {
    const url = new URL(request.url);
    const providerId = url.pathname.split("/").pop();
    const location = isOAuthProviderId(providerId)
      ? await finishOAuth(providerId, url)
      : oauthErrorPath("not_configured", null);
    return new Response(null, {
      status: 303,
      headers: { Location: location, "Cache-Control": "no-store" },
    });
  },
});
