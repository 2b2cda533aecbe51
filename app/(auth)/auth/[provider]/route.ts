import { defineRoute } from "@/lib/api/define-route";
import { oauthErrorPath } from "@/lib/auth/oauth/error-path";
import { isOAuthProviderId } from "@/lib/auth/oauth/providers";
import { beginOAuth } from "@/lib/auth/oauth/start";

/**
 * POST /auth/<provider>: the "Continue with …" forms. A POST with the same-origin check
 * (defineRoute), because it sets the attempt's cookie; a GET here is 405. Answers 303 to the
 * provider's authorization page (or to our error page). Connecting a provider to a signed-in
 * account starts elsewhere: the connections page's action, which re-authenticates first.
 */
export const POST = defineRoute({
  permission: "public",
  handler: async (request) => {
    const providerId = new URL(request.url).pathname.split("/").pop();
    if (!isOAuthProviderId(providerId)) return new Response(null, { status: 404 });
    const form = await request.formData().catch(() => new FormData());
    const location =
      form.get("intent") === "link"
        ? oauthErrorPath("connect_in_settings", providerId)
        : await beginOAuth(providerId, { intent: "login", next: form.get("next") });
    return new Response(null, {
      status: 303,
      headers: { Location: location, "Cache-Control": "no-store" },
    });
  },
});
