/**
 * sendMail without SMTP_URL: the dev outbox outside production, a refusal in production.
 * Each test imports a fresh copy of the modules, because the environment is parsed once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), "send-mail-outbox-"));
  // The outbox lives under the project directory; here, under a temporary one.
  vi.spyOn(process, "cwd").mockReturnValue(cwd);
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("DATABASE_APP_URL", process.env.DATABASE_APP_URL ?? "postgres://unused@127.0.0.1/x");
  vi.stubEnv("SESSION_SECRET", process.env.SESSION_SECRET ?? "unused-".repeat(5));
  vi.stubEnv("APP_URL", "http://localhost:3000");
  vi.resetModules();
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await rm(cwd, { recursive: true, force: true });
});

async function load() {
  const { sendMail } = await import("./send-mail");
  const { listOutbox } = await import("./dev-outbox");
  return { sendMail, outbox: () => listOutbox(path.join(cwd, ".data", "outbox")) };
}

describe("sendMail without SMTP_URL", () => {
  it("keeps the message in .data/outbox and prints each link on its own line", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const { sendMail, outbox } = await load();

    await sendMail({
      to: "ada@example.test",
      subject: "Reset your password",
      text: "Reset: http://localhost:3000/reset/tok123\nOr see https://example.test/help.",
      html: '<a href="http://localhost:3000/reset/tok123">Reset</a>',
    });

    const [stored, ...rest] = await outbox();
    expect(rest).toEqual([]);
    expect(stored).toMatchObject({
      to: "ada@example.test",
      from: '"Acme" <no-reply@localhost>',
      subject: "Reset your password",
      html: '<a href="http://localhost:3000/reset/tok123">Reset</a>',
    });
    expect(lines).toContain("[mail] link: http://localhost:3000/reset/tok123");
    expect(lines).toContain("[mail] link: https://example.test/help");
    expect(lines).toContain(`[mail] view: http://localhost:3000/dev/outbox/${stored!.id}`);
    expect(lines.filter((l) => l.startsWith("[mail] link:"))).toHaveLength(2);
  });

  it("refuses in production, naming SMTP_URL, and stores nothing", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const { sendMail, outbox } = await load();
    await expect(sendMail({ to: "ada@example.test", subject: "s", text: "t" })).rejects.toThrow(
      /SMTP_URL/,
    );
    expect(await outbox()).toEqual([]);
  });
});
