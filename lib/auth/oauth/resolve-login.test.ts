import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { OAuthFlowError } from "./errors";
import type { ProviderIdentity } from "./identity";
import { linkIdentity, listConnections, unlinkProvider } from "./oauth-accounts";
import { resolveOAuthLogin } from "./resolve-login";

/**
 * The linking rules applied to the database (checklist O7, O8; ADR 013), as the runtime role.
 * Each test makes its own identities and accounts.
 */
const db = testConnections();

function asUser<T>(userId: string, fn: (tx: postgres.TransactionSql) => Promise<T>) {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

const email = () => `oauth-${randomBytes(5).toString("hex")}@example.test`;

function identity(fields: Partial<ProviderIdentity> = {}): ProviderIdentity {
  return {
    provider: "google",
    subject: `sub-${randomBytes(6).toString("hex")}`,
    email: email(),
    emailVerified: true,
    name: "Ada Lovelace",
    ...fields,
  };
}

async function verifyEmail(userId: string) {
  await asUser(userId, (tx) => tx`update users set email_verified_at = now() where id = ${userId}`);
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OAuthFlowError);
  return (error as OAuthFlowError).reason;
}

async function linksOf(userId: string) {
  return asUser(userId, (tx) => tx`select provider, provider_subject from oauth_accounts`);
}

describe("resolveOAuthLogin", () => {
  it("creates an account for a new identity: verified email, no password, a personal org", async () => {
    const google = identity();
    const outcome = await resolveOAuthLogin(google);
    expect(outcome).toMatchObject({ created: true, linked: false, email: google.email });
    const [user] = await asUser(
      outcome.userId,
      (tx) => tx`select email, password_hash, email_verified_at, display_name from users`,
    );
    expect(user).toMatchObject({
      email: google.email,
      password_hash: null,
      display_name: "Ada Lovelace",
    });
    expect(user!.email_verified_at).not.toBeNull();
    const orgs = await asUser(
      outcome.userId,
      (tx) => tx`select o.slug from memberships m join organizations o on o.id = m.org_id`,
    );
    expect(orgs.map((o) => o.slug)).toEqual([outcome.orgSlug]);
  });

  it("leaves the new account's email unverified when the provider did not verify it", async () => {
    const outcome = await resolveOAuthLogin(identity({ emailVerified: false }));
    const [user] = await asUser(outcome.userId, (tx) => tx`select email_verified_at from users`);
    expect(user!.email_verified_at).toBeNull();
  });

  it("signs the same subject in to the same account after its email changed (O7)", async () => {
    const first = identity();
    const created = await resolveOAuthLogin(first);
    const again = await resolveOAuthLogin({ ...first, email: email(), emailVerified: false });
    expect(again).toMatchObject({ userId: created.userId, created: false, linked: false });
  });

  it("does not merge two identities that share an unverified email (O7)", async () => {
    const shared = email();
    await resolveOAuthLogin(identity({ email: shared, emailVerified: false }));
    const second = identity({ provider: "github", email: shared, emailVerified: false });
    expect(await refusal(resolveOAuthLogin(second))).toBe("link_required_no_password");
  });

  it("links to an account when both emails are verified (O8 c)", async () => {
    const local = await insertUser(db.app, { email: email(), passwordHash: "x" });
    await verifyEmail(local.id);
    const github = identity({ provider: "github", email: local.email });
    const outcome = await resolveOAuthLogin(github);
    expect(outcome).toMatchObject({ userId: local.id, linked: true, created: false });
    expect(await linksOf(local.id)).toEqual([
      { provider: "github", provider_subject: github.subject },
    ]);
  });

  it("never links to an account whose email is unverified: pre-account hijack (O8 a, d)", async () => {
    const attacker = await insertUser(db.app, { email: email(), passwordHash: "attacker's" });
    const victim = identity({ email: attacker.email, emailVerified: true });
    expect(await refusal(resolveOAuthLogin(victim))).toBe("link_required");
    expect(await linksOf(attacker.id)).toEqual([]);
  });

  it("never links an email the provider did not verify (O8 b)", async () => {
    const local = await insertUser(db.app, { email: email(), passwordHash: "x" });
    await verifyEmail(local.id);
    const unverified = identity({ provider: "github", email: local.email, emailVerified: false });
    expect(await refusal(resolveOAuthLogin(unverified))).toBe("link_required");
    expect(await linksOf(local.id)).toEqual([]);
  });

  it("refuses an identity without a usable email (GitHub with no verified primary)", async () => {
    const github = identity({ provider: "github", email: null, emailVerified: false });
    expect(await refusal(resolveOAuthLogin(github))).toBe("email_missing");
  });
});

describe("linkIdentity and unlinkProvider", () => {
  it("links to the given user only, and refuses an identity linked to someone else", async () => {
    const owner = await resolveOAuthLogin(identity({ provider: "github" }));
    const [row] = await linksOf(owner.userId);
    const other = await insertUser(db.app);
    const stolen = identity({ provider: "github", subject: row!.provider_subject as string });
    expect(await linkIdentity(other.id, stolen)).toBe("already_linked_elsewhere");
    expect(await linksOf(other.id)).toEqual([]);
    expect(await linkIdentity(owner.userId, stolen)).toBe("already_linked");
  });

  it("refuses a second identity at a provider the user already has connected", async () => {
    const user = await insertUser(db.app);
    expect(await linkIdentity(user.id, identity({ provider: "github" }))).toBe("linked");
    expect(await linkIdentity(user.id, identity({ provider: "github" }))).toBe(
      "provider_already_connected",
    );
  });

  it("refuses to remove the last way to log in, and allows it once another exists", async () => {
    const created = await resolveOAuthLogin(identity());
    expect(await unlinkProvider(created.userId, "google")).toBe("last_login_method");
    expect(await linksOf(created.userId)).toHaveLength(1);
    await linkIdentity(created.userId, identity({ provider: "github" }));
    expect(await unlinkProvider(created.userId, "google")).toBe("unlinked");
    expect((await listConnections(created.userId)).map((c) => c.provider)).toEqual(["github"]);
    expect(await unlinkProvider(created.userId, "github")).toBe("last_login_method");
  });

  it("lets an account with a password remove its only provider; unknown providers are not_linked", async () => {
    const user = await insertUser(db.app, { passwordHash: "x" });
    await linkIdentity(user.id, identity({ provider: "github" }));
    expect(await unlinkProvider(user.id, "google")).toBe("not_linked");
    expect(await unlinkProvider(user.id, "github")).toBe("unlinked");
  });

  it("keeps at least one login method when two disconnects race", async () => {
    const created = await resolveOAuthLogin(identity());
    await linkIdentity(created.userId, identity({ provider: "github" }));
    const results = await Promise.all([
      unlinkProvider(created.userId, "google"),
      unlinkProvider(created.userId, "github"),
    ]);
    expect(results.sort()).toEqual(["last_login_method", "unlinked"]);
    expect(await linksOf(created.userId)).toHaveLength(1);
  });
});
