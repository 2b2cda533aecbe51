/**
 * The app's main pages, for checks that must hold on every one of them (CSP without
 * violations, security headers): a signed-in owner with an org, a project, a custom role and
 * a pending invitation, so every page renders its full content; the owner is also a platform
 * admin, for the /admin console. Add new pages here.
 */
import { randomBytes } from "node:crypto";
import {
  asTenant,
  createOrg,
  createProject,
  createSession,
  createUser,
  makePlatformAdmin,
  tokenHash,
  type TestUser,
} from "./fixtures";
import { rememberSecret } from "./secrets-ledger";

export interface MainPages {
  owner: TestUser & { cookie: string };
  /** Pages anyone may open. */
  publicPaths: string[];
  /** Pages of the signed-in owner. */
  signedInPaths: string[];
}

export async function seedMainPages(): Promise<MainPages> {
  // Verified: an unverified owner would get notices in place of the key, invite and connect forms.
  const user = await createUser({ verified: true });
  const { cookie } = await createSession(user.id);
  await makePlatformAdmin(user.id);
  const org = await createOrg(user.id, "Pages org");
  const projectId = await createProject(org, user.id, { name: "Pages project" });
  const token = randomBytes(32).toString("base64url");
  rememberSecret(token, "invitation token");
  const roleId = await asTenant(org.id, user.id, async (tx) => {
    const [role] = await tx`
      insert into org_roles (org_id, name, description)
      values (${org.id}, 'Pages role', 'A custom role') returning id`;
    await tx`
      insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
      values (${org.id}, ${`invitee-${randomBytes(4).toString("hex")}@example.test`}, ${role!.id},
              ${tokenHash(token)}, ${user.id}, now() + interval '7 days')`;
    return role!.id as string;
  });
  const o = `/o/${org.slug}`;
  return {
    owner: { ...user, cookie },
    publicPaths: ["/", "/login", "/signup", `/invitations/${token}`, "/no-such-page"],
    signedInPaths: [
      "/dashboard",
      o,
      `${o}/projects/${projectId}`,
      `${o}/projects/new`,
      `${o}/settings`,
      `${o}/settings/members`,
      `${o}/settings/roles`,
      `${o}/settings/roles/new`,
      `${o}/settings/roles/${roleId}`,
      `${o}/settings/audit-log`,
      `/invitations/${token}`,
      "/account",
      "/account/security",
      "/account/sessions",
      "/account/activity",
      "/account/connections",
      "/account/delete",
      "/admin",
      `/admin/accounts/${user.id}`,
      "/admin/claim",
    ],
  };
}
