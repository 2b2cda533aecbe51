import { defineRoute } from "@/lib/api/define-route";
import { getCurrentSession } from "@/lib/auth/current-session";
import { isOAuthProviderId } from "@/lib/auth/oauth/providers";
import { beginOAuth } from "@/lib/auth/oauth/start";

/**
 * POST /auth/<provider>: the "Continue with …" and "Connect …" forms. A POST with the
 * same-origin check (defineRoute), because it sets the attempt's cookie; a GET here is 405.
 * Answers 303 to the provider's authorization page (or to our error page).
 */
export const POST = defineRoute({
  permission: "public",
  handler: async (request) => {
    const providerId = new URL(request.url).pathname.split("/").pop();
    if (!isOAuthProviderId(providerId)) return new Response(null, { status: 404 });
    const form = await request.formData().catch(() => new FormData());
    const location = await beginOAuth(
      providerId,
      { intent: form.get("intent"), next: form.get("next") },
      // Public (login needs no session), but "Connect" links to the signed-in user.
      await getCurrentSession(),
    );
    return new Response(null, {
      status: 303,
      headers: { Location: location, "Cache-Control": "no-store" },
    });
  },
});
