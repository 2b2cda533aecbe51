import { defineRoute } from "@/lib/api/define-route";

/** The signed-in user, as JSON. Also the route `npm run bench` measures auth overhead on. */
export const GET = defineRoute({
  permission: "authenticated",
  handler: async (_request, { session }) =>
    Response.json(
      { id: session.userId, email: session.email, displayName: session.displayName },
      { headers: { "Cache-Control": "private, no-store" } },
    ),
});
