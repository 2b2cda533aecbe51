import { afterEach, describe, expect, it, vi } from "vitest";
import { errorFields, log } from "./log";
import { REDACTED, redact, redactString } from "./log-redaction";
import { withRequestId } from "./request-context";

afterEach(() => vi.restoreAllMocks());

function capture(): { out: string[]; err: string[] } {
  const lines = { out: [] as string[], err: [] as string[] };
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void lines.err.push(line));
  return lines;
}

const TOKEN = "q8Zr1mS3vT0yXb7nK2pLc9dF4gH6jA5eW1uI0oP3rQs"; // 43 base64url characters
const API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

describe("log lines (I12)", () => {
  it("are one JSON object per line with time, level and event, even for hostile values", () => {
    const lines = capture();
    log("info", "auth.login.failed", { email: "a\nLOGIN OK admin@example.test" });
    expect(lines.out).toHaveLength(1);
    expect(lines.out[0]!.split("\n")).toHaveLength(1);
    const line = JSON.parse(lines.out[0]!);
    expect(line).toMatchObject({
      level: "info",
      event: "auth.login.failed",
      email: "a\nLOGIN OK admin@example.test",
    });
    expect(new Date(line.time).getTime()).not.toBeNaN();
  });

  it("send errors to stderr and the rest to stdout", () => {
    const lines = capture();
    log("warn", "w");
    log("error", "e");
    expect(lines.out.map((l) => JSON.parse(l).event)).toEqual(["w"]);
    expect(lines.err.map((l) => JSON.parse(l).event)).toEqual(["e"]);
  });

  it("carry the request id inside a request, and none outside", async () => {
    const lines = capture();
    const id = crypto.randomUUID();
    await withRequestId(id, async () => {
      await Promise.resolve();
      log("info", "inside");
    });
    log("info", "outside");
    const [inside, outside] = lines.out.map((l) => JSON.parse(l));
    expect(inside).toMatchObject({ event: "inside", requestId: id });
    expect(outside.requestId).toBeUndefined();
  });
});

describe("redaction (A15, I8)", () => {
  it("replaces secret-named fields at any depth", () => {
    const lines = capture();
    log("info", "x", {
      password: "hunter2 hunter2",
      user: { profile: { newPassword: "p", apiKey: "k", settings: [{ sessionToken: "t" }] } },
      headers: { authorization: "whatever", cookie: "a=b", "set-cookie": ["c=d"] },
      clientSecret: "s",
      tokenHash: "abc",
      keep: "visible",
      apiKeyId: "0b6e4c8e-5a51-4d3c-9d43-2f0d7c1b9a10",
      count: 3,
    });
    const line = JSON.parse(lines.out[0]!);
    expect(line.password).toBe(REDACTED);
    expect(line.user.profile.newPassword).toBe(REDACTED);
    expect(line.user.profile.apiKey).toBe(REDACTED);
    expect(line.user.profile.settings[0].sessionToken).toBe(REDACTED);
    expect(line.headers).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      "set-cookie": REDACTED,
    });
    expect(line.clientSecret).toBe(REDACTED);
    expect(line.tokenHash).toBe(REDACTED);
    // A key's id names it without being it: logs must be able to say which key acted.
    expect(line).toMatchObject({
      keep: "visible",
      apiKeyId: "0b6e4c8e-5a51-4d3c-9d43-2f0d7c1b9a10",
      count: 3,
    });
    expect(lines.out[0]).not.toContain("hunter2");
  });

  it.each([
    ["an API key", `key ${API_KEY} used`, API_KEY.slice(8)],
    ["a bearer credential", `Authorization: Bearer ${TOKEN}`, TOKEN],
    ["a session cookie pair", `Cookie: __Host-session=Fe26.2*1*abc*def; theme=dark`, "Fe26"],
    ["a sealed cookie alone", "Fe26.2**0c4f*d3b*a0~2", "Fe26"],
    ["a JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJhbGci"],
    ["a password in a URL", "postgres://app_user:s3cr3t-pw@db:5432/app", "s3cr3t-pw"],
    ["a token in a link", `https://app.example/invitations/${TOKEN}`, TOKEN],
    ["a token in a query", "/reset?token=abc123&next=/", "abc123"],
  ])("masks %s inside any string", (_label, text, secret) => {
    const masked = redactString(text);
    expect(masked).not.toContain(secret);
    expect(masked).toContain(REDACTED);
  });

  it("keeps identifiers, emails and ordinary text", () => {
    const id = "a23843cd-d615-475d-b10c-433723d4eb81";
    const text = `user ${id} (ada@example.test) got 429 at /o/acme-workspace/settings/members`;
    expect(redactString(text)).toBe(text);
  });

  it("masks secrets in error messages and stacks, and survives cycles", () => {
    const error = new Error(`connect failed for postgres://u:pw-${TOKEN}@db/app`);
    const fields = errorFields(error);
    expect(JSON.stringify(fields)).not.toContain(TOKEN);
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ name: "loop", self: "[Circular]" });
  });
});
