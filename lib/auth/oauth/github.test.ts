import { afterEach, describe, expect, it, vi } from "vitest";
import { OAuthFlowError } from "./errors";
import { fetchGitHubIdentity } from "./github";

/** GitHub identity: the numeric id, and only a primary verified email (checklist O7, O8). */
type Email = { email: string; primary: boolean; verified: boolean };

function stubGitHub(user: unknown, emails: Email[] | unknown, status = 200) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const body = url.endsWith("/user/emails") ? emails : user;
      return new Response(JSON.stringify(body), { status });
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const user = { id: 583231, login: "octocat", name: "The Octocat", email: "public@example.com" };

describe("fetchGitHubIdentity", () => {
  it("keys on the numeric id and takes the primary verified email, never the profile email", async () => {
    stubGitHub(user, [
      { email: "other@example.com", primary: false, verified: true },
      { email: "Octo@Example.com", primary: true, verified: true },
    ]);
    await expect(fetchGitHubIdentity("https://api.github.test", "gho_x")).resolves.toEqual({
      subject: "583231",
      email: "octo@example.com",
      emailVerified: true,
      name: "The Octocat",
    });
  });

  it.each([
    ["the primary is unverified", [{ email: "a@example.com", primary: true, verified: false }]],
    [
      "only a secondary is verified",
      [
        { email: "a@example.com", primary: true, verified: false },
        { email: "b@example.com", primary: false, verified: true },
      ],
    ],
    ["there are no emails", []],
  ])("has no email when %s", async (_name, emails) => {
    stubGitHub(user, emails);
    const identity = await fetchGitHubIdentity("https://api.github.test", "gho_x");
    expect(identity).toMatchObject({ subject: "583231", email: null, emailVerified: false });
  });

  it("refuses malformed or failed answers as a provider error", async () => {
    for (const [body, status] of [
      [{ ...user, id: "583231" }, 200],
      [{ login: "no-id" }, 200],
      [user, 401],
    ] as const) {
      stubGitHub(body, [], status);
      const error = await fetchGitHubIdentity("https://api.github.test", "x").catch((e) => e);
      expect(error).toBeInstanceOf(OAuthFlowError);
      expect(error.reason).toBe("provider_error");
    }
  });
});
