import { defineRoute } from "@/lib/api/define-route";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { getCurrentSession } from "@/lib/auth/current-session";
import { endSession } from "@/lib/auth/sign-in";

/**
 * Logout is a POST (a GET here is 405), so no link or image can sign anyone out. It deletes
 * the session row, clears the cookie and asks the browser to drop cached pages and storage.
 */
export const POST = defineRoute({
  permission: "public",
  handler: async () => {
    const session = await getCurrentSession();
    await endSession();
    if (session)
      await recordAuthEvent({ event: "logout", outcome: "success", email: session.email });
    return new Response(null, {
      status: 303,
      headers: {
        Location: "/login?signed_out=1",
        "Clear-Site-Data": '"cache", "cookies", "storage"',
        "Cache-Control": "no-store",
      },
    });
  },
});
