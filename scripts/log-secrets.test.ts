import { describe, expect, it } from "vitest";
import { findSecrets, tokensInLinks } from "./log-secrets";

const TOKEN = "q8Zr1mS3vT0yXb7nK2pLc9dF4gH6jA5eW1uI0oP3rQs";
const clean = [
  '{"level":"info","time":"2026-11-23T15:00:00.000Z","requestId":"a23843cd-d615-475d-b10c-433723d4eb81","email":"ada@example.test","event":"auth.login.failed"}',
  '{"level":"info","time":"2026-11-23T15:00:01.000Z","event":"mail.sent","recipientDomain":"example.test"}',
].join("\n");

describe("the server-log secret check (A15)", () => {
  it("passes a clean log", () => {
    expect(findSecrets(clean, [{ kind: "password", value: "tidal meadow 1f2e lantern" }])).toEqual(
      [],
    );
  });

  it("finds a planted secret, on its line, without printing it", () => {
    const password = 'tidal "meadow" 1f2e lantern';
    const log = `${clean}\n{"level":"info","event":"oops","body":${JSON.stringify(`password=${password}`)}}`;
    const findings = findSecrets(log, [{ kind: "password", value: password }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "password", line: 3 });
    expect(findings[0]!.excerpt).toContain("<SECRET>");
    expect(findings[0]!.excerpt).not.toContain("meadow");
  });

  it("finds secret shapes nobody registered", () => {
    const log = [
      "GET /api/v1/projects Authorization: Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      "cookie: __Host-session=Fe26.2**0c4f3b9a*d3b*a0b1c2d3e4",
    ].join("\n");
    const kinds = findSecrets(log, []).map((f) => f.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "API key (shape)",
        "bearer credential (shape)",
        "session cookie (shape)",
        "sealed cookie (shape)",
      ]),
    );
  });

  it("ignores what the app's redaction left behind", () => {
    const log = '{"event":"x","key":"sk_live_[REDACTED]","cookie":"__Host-session=[REDACTED]"}';
    expect(findSecrets(log, [])).toEqual([]);
  });

  it("takes the tokens out of mailed links", () => {
    expect(
      tokensInLinks([
        `http://localhost:3000/invitations/${TOKEN}`,
        `http://localhost:3000/reset-password?token=${TOKEN.slice(0, 30)}&next=%2F`,
        "http://localhost:3000/login",
        "not a url",
      ]),
    ).toEqual([TOKEN, TOKEN.slice(0, 30)]);
  });
});
