"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { createOrganization } from "@/lib/orgs/create-organization";
import { optionalSlugInputSchema, organizationNameSchema } from "../organization-fields";

export const createOrganizationAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({ name: organizationNameSchema, slug: optionalSlugInputSchema }),
  handler: async ({ name, slug }, { session }) => {
    const org = await createOrganization(session.userId, name, slug);
    if (!org) return fail({ fieldErrors: { slug: ["That URL is taken"] } });
    redirect(`/o/${org.slug}`);
  },
});
