/**
 * Property-based (fast-check): random bodies thrown at every server action in the production
 * build, by id over HTTP, as a signed-in org owner who is also a platform admin, so the
 * handlers themselves run on the random input and not just the gates in front of them
 * (checklist I1, I8; "no input can cause a 500"). Whatever is sent, the answer is never a 500
 * and never the wrapper's "Something went wrong on our side" (an unexpected error).
 *
 * Bodies are encoded the way React's client encodes an action's arguments (a string that
 * starts with "$" is sent as "$$…"), so every value reaches our code as that string. Bodies
 * React cannot decode at all never reach our code: Next answers them 500 with a bare digest
 * before the action runs (docs/testing.md, "e2e/action-fuzz.spec.ts"); the last test here
 * pins down that such an answer says nothing and changes nothing.
 *
 * The values mix what an attacker would try (NUL, lone surrogates, huge strings, numbers,
 * arrays and objects where strings belong, near-miss ids and dates) with real ids and the
 * org's real slug, so random input reaches the queries. Each run gets a fresh session, since
 * a run may revoke it; each action gets its own users and org, since a run may delete them.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import {
  addMember,
  asTenant,
  createOrg,
  createProject,
  createSession,
  createUser,
  expect,
  makePlatformAdmin,
  test,
  uniqueEmail,
} from "./fixtures";
import { builtActions, callAction, type BuiltAction } from "./server-actions";

const UNEXPECTED = "Something went wrong on our side";
const UNEXPECTED_FIELDS = "The form contained unexpected fields.";
const RUNS = 25;

/** The fields each action's zod schema reads (`permission.*` stands for the checkboxes). */
const FIELDS: Record<string, string[]> = {
  loginAction: ["email", "password", "next"],
  signupAction: ["email", "password", "next"],
  requestPasswordResetAction: ["email"],
  resetPasswordAction: ["token", "password"],
  verifyEmailAction: ["token"],
  confirmEmailChangeAction: ["token"],
  signupWithInvitationAction: ["token", "password"],
  acceptInvitationAction: ["token"],
  createOrganizationAction: ["name", "slug"],
  updateProfileAction: ["displayName"],
  resendVerificationAction: [],
  changePasswordAction: ["currentPassword", "newPassword"],
  requestEmailChangeAction: ["email", "password"],
  revokeSessionAction: ["id"],
  revokeOtherSessionsAction: ["password"],
  deleteAccountAction: ["password", "confirm"],
  claimPlatformAdminAction: ["token", "password"],
  disableAccountAction: ["userId", "reason", "password"],
  enableAccountAction: ["userId", "password"],
  endAccountSessionsAction: ["userId", "password"],
  endAllSessionsAction: ["password"],
  connectProviderAction: ["provider", "password"],
  disconnectProviderAction: ["provider"],
  renameOrganizationAction: ["org", "name"],
  changeOrganizationSlugAction: ["org", "slug"],
  deleteOrganizationAction: ["org", "confirm"],
  transferOwnershipAction: ["org", "userId", "password"],
  changeMemberRoleAction: ["org", "userId", "roleId"],
  removeMemberAction: ["org", "userId"],
  inviteMemberAction: ["org", "email", "roleId"],
  resendInvitationAction: ["org", "id"],
  revokeInvitationAction: ["org", "id"],
  createRoleAction: ["org", "name", "description", "permission.*"],
  updateRoleAction: ["org", "id", "name", "description", "permission.*"],
  deleteRoleAction: ["org", "id"],
  createApiKeyAction: ["org", "name", "expiry", "expiresOn", "password", "permission.*"],
  revokeApiKeyAction: ["org", "id"],
  createProjectAction: ["org", "name", "description"],
  updateProjectAction: ["org", "id", "name", "description"],
  deleteProjectAction: ["org", "id"],
};

/** Signing everyone out would end the other tests' sessions: that action never gets the password. */
const NEVER_THE_PASSWORD = new Set(["endAllSessionsAction"]);

const PERMISSIONS = ["projects:read", "projects:create", "members:invite", "org:delete", "nope:x"];

type World = Awaited<ReturnType<typeof world>>;

/** What one action's runs act on: a fresh owner (and platform admin), org and targets. */
async function world() {
  // Verified, so the key, invitation and connection handlers get past refuseUnlessVerified.
  const owner = await createUser({ verified: true });
  await makePlatformAdmin(owner.id);
  const member = await createUser();
  const org = await createOrg(owner.id, "Fuzzed org");
  await addMember(org, owner.id, member.id, "member");
  const project = await createProject(org, owner.id, { name: "Fuzz target" });
  const [roles, invitation] = await asTenant(org.id, owner.id, async (tx) => [
    (await tx`select id from org_roles`).map((r) => r.id as string),
    (
      await tx`
        insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
        select ${org.id}, ${uniqueEmail("invitee")}, id, ${randomBytes(32)},
               ${owner.id}, now() + interval '7 days'
        from org_roles where built_in = 'member' returning id`
    )[0]!.id as string,
  ]);
  return { owner, member, org, ids: [owner.id, member.id, project, invitation, ...roles] };
}

const binary = (maxLength: number) => fc.string({ unit: "binary", maxLength });
const nasty = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "%00",
  "' or 1=1 --",
  "<script>alert(1)</script>",
  "../../../etc/passwd",
  "NaN",
  "-1",
  "1e309",
  "99999999999999999999",
  "00000000-0000-0000-0000-000000000000",
  "2026-02-30",
  "0000-01-01",
  "9999-12-31",
  "never",
  "date",
  "30",
  "github",
  "google",
  "//evil.example/",
  "https://evil.example/",
  "/dashboard",
  "$n12",
  "$1",
  "$Q1",
  "$$",
);

/** Values of the shape a field expects, so that many runs get past the schema to the handler. */
function plausible(field: string, w: World, withPassword: boolean): fc.Arbitrary<unknown> {
  const ids = fc.oneof(fc.constantFrom(...w.ids), fc.uuid());
  const password = withPassword
    ? fc.oneof(fc.constant(w.owner.password), fc.string({ minLength: 15, maxLength: 40 }))
    : fc.string({ minLength: 15, maxLength: 40 });
  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 30 }),
  );
  switch (field) {
    case "org":
      return fc.constant(w.org.slug);
    case "id":
    case "userId":
    case "roleId":
      return ids;
    case "email":
      return fc.oneof(fc.constantFrom(w.owner.email, w.member.email), fc.emailAddress());
    case "password":
    case "currentPassword":
    case "newPassword":
      return password;
    case "slug":
    case "confirm":
      return fc.oneof(
        fc.constant(w.org.slug),
        fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/),
      );
    case "expiry":
      return fc.constantFrom("30", "90", "365", "never", "date");
    case "expiresOn":
      return fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        fc.constant("2026-02-30"),
      );
    case "provider":
      return fc.constantFrom("github", "google");
    case "next":
      return fc.constantFrom(
        "/dashboard",
        `/o/${w.org.slug}`,
        "//evil.example/",
        "https://evil.example/",
      );
    default:
      return text;
  }
}

function valueFor(field: string, w: World, withPassword: boolean): fc.Arbitrary<unknown> {
  const real: string[] = [...w.ids, w.org.slug, w.org.name, w.owner.email, w.member.email];
  if (withPassword) real.push(w.owner.password);
  return fc.oneof(
    // The org's real slug nearly always, so the membership check passes and the handler runs.
    { weight: field === "org" ? 40 : 6, arbitrary: plausible(field, w, withPassword) },
    { weight: 1, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: nasty },
    { weight: 1, arbitrary: binary(40) },
    { weight: 1, arbitrary: binary(10).map((s) => s.repeat(500)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/** React's reply encoding of plain values: a leading "$" marks a reference, so it is doubled. */
function reactEncoded(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(reactEncoded);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reactEncoded(v)]));
  }
  return value;
}

function bodyFor(action: BuiltAction, w: World) {
  const fields = FIELDS[action.name] ?? [];
  const withPassword = !NEVER_THE_PASSWORD.has(action.name);
  const named = Object.fromEntries(
    fields
      .filter((f) => f !== "permission.*")
      .map((f) => [f, valueFor(f, w, withPassword)] as const),
  );
  const checkboxes = fields.includes("permission.*")
    ? fc
        .subarray(PERMISSIONS)
        .map((ps) => Object.fromEntries(ps.map((p) => [`permission.${p}`, "on"])))
    : fc.constant({});
  return fc
    .tuple(
      fc.record(named),
      checkboxes,
      // Now and then a field the schema does not know, or one it needs left out.
      fc.oneof(
        { weight: 8, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(binary(12), binary(20), { minKeys: 1, maxKeys: 2 }) },
      ),
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fields.length > 0 ? fc.constantFrom(...fields) : fc.constant(null),
        },
      ),
    )
    .map(([values, boxes, extra, dropped]) => {
      const body: Record<string, unknown> = { ...extra, ...values, ...boxes };
      if (dropped) delete body[dropped];
      return reactEncoded(body);
    });
}

test("every server action has a field list here", () => {
  expect(
    builtActions()
      .map((a) => a.name)
      .sort(),
  ).toEqual(Object.keys(FIELDS).sort());
});

test("no input makes any server action fail unexpectedly (never a 500, never the generic error)", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(600_000);
  for (const action of builtActions()) {
    const w = await world();
    // The field list is right: the schema knows every field it names.
    const known = Object.fromEntries(
      (FIELDS[action.name] ?? []).map((f) => [
        f === "permission.*" ? "permission.projects:read" : f,
        "x",
      ]),
    );
    const check = await callAction(request, baseURL!, action, {
      slug: w.org.slug,
      body: { ...known, org: w.org.slug },
      cookie: (await createSession(w.owner.id)).cookie,
    });
    if (!FIELDS[action.name]?.includes("org")) {
      // Actions without an org field see `org` as unknown, which proves the check can fail.
      expect(check, `${action.name} refuses an unknown field`).toContain(UNEXPECTED_FIELDS);
    }
    const probe = await callAction(request, baseURL!, action, {
      slug: w.org.slug,
      body: known,
      cookie: (await createSession(w.owner.id)).cookie,
    });
    expect(probe, `${action.name}: FIELDS names a field its schema refuses`).not.toContain(
      UNEXPECTED_FIELDS,
    );

    await fc.assert(
      fc.asyncProperty(bodyFor(action, w), async (body) => {
        const { cookie } = await createSession(w.owner.id);
        const answer = await callAction(request, baseURL!, action, {
          slug: w.org.slug,
          body: body as Record<string, string>,
          cookie,
        });
        const label = `${action.name} ${JSON.stringify(body).slice(0, 400)} -> ${answer.slice(0, 300)}`;
        expect(Number(answer.slice(0, 3)), label).toBeLessThan(500);
        expect(answer, label).not.toContain(UNEXPECTED);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }
});

test("a body React cannot decode, or one over the size limit, reaches no action and gets only a digest back", async ({
  request,
  baseURL,
}) => {
  const w = await world();
  const { cookie } = await createSession(w.owner.id);
  const rename = builtActions().find((a) => a.name === "renameOrganizationAction")!;
  const page = `/o/${w.org.slug}/settings`;
  const marker = `Renamed-${randomBytes(4).toString("hex")}`;
  const bodies = [
    "not json",
    "",
    JSON.stringify([null, { org: w.org.slug, name: `$n${marker}` }]),
    JSON.stringify([null, { org: w.org.slug, name: "$Q7" }, marker]),
    JSON.stringify([null, { org: w.org.slug, name: "$B9" }, marker]),
    // Over Next's 1 MB limit for action bodies: also answered before the action runs.
    JSON.stringify([null, { org: w.org.slug, name: marker, description: "x".repeat(1_100_000) }]),
  ];
  for (const data of bodies) {
    const response = await request.post(page, {
      headers: {
        "Next-Action": rename.id,
        Origin: baseURL!,
        Accept: "text/x-component",
        "Content-Type": "text/plain;charset=UTF-8",
        Cookie: `__Host-session=${cookie}`,
      },
      data,
      maxRedirects: 0,
    });
    const text = await response.text();
    expect(text, data).toMatch(/^0:\{[^\n]*\}\n1:E\{"digest":"\d+"\}\n?$/);
    expect(text, data).not.toContain(marker);
  }
  const [org] = await asTenant(w.org.id, w.owner.id, (tx) => tx`select name from organizations`);
  expect(org!.name).toBe(w.org.name);
  // The same action, encoded as React's client encodes it, does run.
  const answer = await callAction(request, baseURL!, rename, {
    slug: w.org.slug,
    body: { org: w.org.slug, name: marker },
    cookie,
  });
  expect(answer.slice(0, 3)).toBe("200");
  const [renamed] = await asTenant(
    w.org.id,
    w.owner.id,
    (tx) => tx`select name from organizations`,
  );
  expect(renamed!.name).toBe(marker);
});

test("an action reply whose objects share children (2^40 paths in 3 KB) is answered, not walked forever", async ({
  request,
  baseURL,
}) => {
  // React's reply format: part "0" is the arguments, "$<hex n>" refers to part n, and a part
  // referred to twice becomes one shared object. Each part here refers to the next one twice;
  // they are sent last first, so every reference is to a part already received.
  const depth = 40;
  const ref = (n: number) => `$${n.toString(16)}`;
  const multipart = new FormData();
  multipart.append(String(depth), JSON.stringify({ leaf: "\u0000" }));
  for (let i = depth - 1; i >= 1; i--) {
    multipart.append(String(i), JSON.stringify({ a: ref(i + 1), b: ref(i + 1) }));
  }
  multipart.append("0", JSON.stringify([null, ref(1)]));
  const login = builtActions().find((a) => a.name === "loginAction")!;
  const response = await request.post("/login", {
    headers: { "Next-Action": login.id, Origin: baseURL!, Accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("fieldErrors");
  // And the server is still there for everyone else.
  expect((await request.get("/login")).status()).toBe(200);
});
