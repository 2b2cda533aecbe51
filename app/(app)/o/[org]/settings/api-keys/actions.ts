"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { refuseUnlessReauthenticated } from "@/lib/account/step-up";
import { refuseUnlessVerified } from "@/lib/account/verified-email";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { createApiKeySchema, expiryFrom } from "@/lib/api-keys/api-key-fields";
import { insertApiKey, revokeApiKey } from "@/lib/api-keys/queries";
import { now } from "@/lib/clock";
import { grantRefusal } from "@/lib/roles/role-guards";
import { asPermissions } from "@/lib/roles/role-fields";

// One answer for a key id that is malformed, unknown, already revoked, or another org's (Z3).
const NOT_FOUND =
  "We couldn't find that key, or it is already revoked. Reload to see the current list.";

/**
 * Creates a key acting as its creator, with scopes within the creator's own permissions (Z7,
 * K3): a scope the creator lacks is refused here, whatever the form offered. The creator
 * re-enters their password (or signed in within 10 minutes, without one). The key itself is
 * returned this once and never stored.
 */
export const createApiKeyAction = defineAction({
  permission: "api_keys:manage",
  input: createApiKeySchema,
  handler: async (input, { tx, membership, session, audit }) => {
    const unverified = refuseUnlessVerified(session, "create API keys");
    if (unverified) return unverified;
    const { name, expiry, expiresOn, permissions } = input;
    const scopes = asPermissions(permissions);
    if (scopes.length === 0) {
      return fail({ fieldErrors: { permissions: ["Choose at least one scope."] } });
    }
    const refusal = grantRefusal(membership, scopes);
    if (refusal) return fail({ fieldErrors: { permissions: [refusal] } });
    const expiresAt = expiryFrom(expiry, expiresOn, now());
    if (expiresAt && !(expiresAt instanceof Date)) {
      return fail({ fieldErrors: { expiresOn: [expiresAt.error] } });
    }
    // Last, so a mistake in the form costs no password attempt. A key outlives the session
    // that made it: a hijacked session must not be able to mint one (checklist S10).
    const stepUp = await refuseUnlessReauthenticated(session, input.password);
    if (stepUp) return stepUp;
    const created = await insertApiKey(tx, {
      orgId: membership.orgId,
      name,
      scopes,
      createdBy: membership.userId,
      expiresAt,
    });
    await audit({
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      metadata: {
        name,
        prefix: created.displayPrefix,
        scopes,
        expiresAt: expiresAt?.toISOString() ?? "never",
      },
    });
    revalidatePath(`/o/${membership.slug}/settings/api-keys`);
    return { key: created.key, name, displayPrefix: created.displayPrefix };
  },
});

/** Revokes a key of the org: its next request gets 401. Anyone who manages keys may revoke any. */
export const revokeApiKeyAction = defineAction({
  permission: "api_keys:manage",
  input: z.strictObject({ org: z.string(), id: z.string() }),
  handler: async ({ id }, { tx, membership, audit }) => {
    if (!z.uuid().safeParse(id).success) return fail({ formError: NOT_FOUND });
    const revoked = await revokeApiKey(tx, id, membership.userId);
    if (!revoked) return fail({ formError: NOT_FOUND });
    await audit({
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
      metadata: { name: revoked.name, prefix: revoked.displayPrefix },
    });
    revalidatePath(`/o/${membership.slug}/settings/api-keys`);
    return { revoked: true as const };
  },
});
