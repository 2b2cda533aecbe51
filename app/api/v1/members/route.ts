import { preflight } from "@/lib/api/cors";
import { defineApiRoute } from "@/lib/api/define-api-route";
import { memberListResponse } from "@/lib/api/v1-schemas";
import { selectMembers } from "@/lib/members/queries";

export const GET = defineApiRoute({
  summary: "List the organization's members and their roles",
  description: "Oldest member first; every member in one answer (no pagination).",
  permission: "members:read",
  response: memberListResponse,
  handler: async (_input, { tx }) => {
    const members = await selectMembers(tx);
    return {
      items: members.map((m) => ({
        userId: m.userId,
        email: m.email,
        displayName: m.displayName,
        joinedAt: m.joinedAt.toISOString(),
        role: m.role,
      })),
    };
  },
});

export const OPTIONS = preflight(["GET"]);
