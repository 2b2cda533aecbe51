/**
 * sendMail over SMTP, against a real SMTP server started here (scripts/smtp-capture.ts), not
 * a mocked transport: what the server receives is what a mail provider would get.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readCapturedMail, waitForCapturedMail } from "@/scripts/captured-mail";
import { startSmtpCapture, type SmtpCapture } from "@/scripts/smtp-capture";
import { InvalidMailError } from "./mail-message";
import { sendMail } from "./send-mail";

let capture: SmtpCapture;

beforeAll(async () => {
  capture = await startSmtpCapture({ dir: await mkdtemp(path.join(tmpdir(), "send-mail-")) });
  // sendMail reads the whole validated environment once (lib/env.ts). Point it at this file's
  // own server; the database values are only checked for shape, nothing here connects.
  vi.stubEnv("SMTP_URL", capture.url);
  vi.stubEnv("MAIL_FROM", '"Acme Tests" <tests@example.test>');
  vi.stubEnv("DATABASE_APP_URL", process.env.DATABASE_APP_URL ?? "postgres://unused@127.0.0.1/x");
  vi.stubEnv("SESSION_SECRET", process.env.SESSION_SECRET ?? "unused-".repeat(5));
});

afterEach(() => vi.restoreAllMocks());

afterAll(async () => {
  vi.unstubAllEnvs();
  await capture.stop();
  await rm(capture.dir, { recursive: true, force: true });
});

const recipient = () => `mail-${randomBytes(5).toString("hex")}@example.test`;

describe("sendMail over SMTP", () => {
  it("delivers subject, text and HTML to the one recipient, from MAIL_FROM", async () => {
    const to = recipient();
    const token = randomBytes(16).toString("hex");
    const link = `http://localhost:3000/invitations/${token}?org=acme&step=1`;
    await sendMail({
      to,
      subject: "Join Acme — café ✓",
      text: `You were invited.\nOpen ${link}.\n`,
      html: `<p>You were invited. <a href="${link.replace("&", "&amp;")}">Accept</a></p>`,
    });

    const mail = await waitForCapturedMail(capture.dir, { to });
    expect(mail.envelopeTo).toEqual([to]);
    expect(mail.to).toEqual([to]);
    expect(mail.from).toEqual(["tests@example.test"]);
    expect(mail.subject).toBe("Join Acme — café ✓");
    expect(mail.text.trim()).toBe(`You were invited.\nOpen ${link}.`);
    expect(mail.html).toContain(`<a href="${link.replace("&", "&amp;")}">Accept</a>`);
    expect(mail.links).toEqual([link]);
  });

  it("logs the message id and recipient domain, never the address, body or links", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const to = recipient();
    const token = randomBytes(16).toString("hex");
    await sendMail({ to, subject: "Your sign-in link", text: `http://localhost/t/${token}` });

    const logged = lines.join("\n");
    expect(logged).toContain('"event":"mail.sent"');
    expect(logged).toContain('"recipientDomain":"example.test"');
    expect(logged).not.toContain(to.split("@")[0]);
    expect(logged).not.toContain(token);
  });

  it.each([
    ["a CR/LF in the subject", { subject: "Hello\r\nBcc: victim@evil.test" }],
    ["an LF in the subject", { subject: "Hello\nBcc: victim@evil.test" }],
    ["a CR in the subject", { subject: "Hello\rBcc: victim@evil.test" }],
    ["a CR/LF in the recipient", { to: "user@example.test\r\nBcc: victim@evil.test" }],
    ["an LF in the recipient", { to: "user@example.test\nvictim@evil.test" }],
    ["two recipients", { to: "user@example.test, victim@evil.test" }],
    ["a display name", { to: "User <user@example.test>" }],
  ])("refuses %s and sends nothing", async (_case, override) => {
    const before = (await readCapturedMail(capture.dir)).length;
    const message = { to: recipient(), subject: "Hello", text: "Hello", ...override };
    await expect(sendMail(message)).rejects.toThrow(InvalidMailError);

    // A message sent after the refused one arrives alone: nothing went out before it.
    const marker = recipient();
    await sendMail({ to: marker, subject: "marker", text: "marker" });
    await waitForCapturedMail(capture.dir, { to: marker });
    const all = await readCapturedMail(capture.dir);
    expect(all).toHaveLength(before + 1);
    expect(all.flatMap((m) => m.envelopeTo)).not.toContain("victim@evil.test");
  });

  it("names the refused field without echoing its value", async () => {
    const error = await sendMail({ to: recipient(), subject: "a\nsecret-ish", text: "x" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidMailError);
    expect((error as Error).message).toMatch(/subject must not contain line breaks/);
    expect((error as Error).message).not.toContain("secret-ish");
  });
});
