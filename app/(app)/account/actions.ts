"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { users } from "@/db/schema";
import { withUser } from "@/db/tenant";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { ACCOUNT_LIMITS, consumeAll, retryMessage } from "@/lib/account/account-limits";
import { sendVerificationLink } from "@/lib/account/email-verification";

const displayNameSchema = z
  .string()
  .transform((v) => v.trim())
  .pipe(z.string().max(80, "Use at most 80 characters"));

/** The name shown to the user and to the members of their organizations; empty clears it. */
export const updateProfileAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({ displayName: displayNameSchema }),
  handler: async ({ displayName }, { session }) => {
    await withUser(session.userId, (tx) =>
      tx
        .update(users)
        .set({ displayName: displayName || null, updatedAt: new Date() })
        .where(eq(users.id, session.userId)),
    );
    revalidatePath("/", "layout");
    return { saved: true as const };
  },
});

/** The unverified banner's button: a fresh link (the previous one stops working), rate-limited. */
export const resendVerificationAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({}),
  handler: async (_input, { session }) => {
    if (session.emailVerifiedAt) return { sentTo: null };
    const refused = await consumeAll([[ACCOUNT_LIMITS.verificationResendPerUser, session.userId]]);
    if (refused) {
      return fail({
        formError: `You've asked for several emails already. ${retryMessage(refused)}`,
      });
    }
    await sendVerificationLink(session.userId, session.email);
    return { sentTo: session.email };
  },
});
