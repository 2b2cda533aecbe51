import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCapturedMail, waitForCapturedMail } from "./captured-mail";
import { startSmtpCapture, type SmtpCapture } from "./smtp-capture";

let capture: SmtpCapture;

beforeAll(async () => {
  capture = await startSmtpCapture({ dir: await mkdtemp(path.join(tmpdir(), "smtp-capture-")) });
});

afterAll(async () => {
  await capture.stop();
  await rm(capture.dir, { recursive: true, force: true });
});

const address = () => `cap-${randomBytes(5).toString("hex")}@example.test`;

async function send(to: string, subject: string, text = "hello") {
  // Plain nodemailer, no STARTTLS: what the app's transport does on loopback.
  const transport = createTransport({ url: capture.url, ignoreTLS: true });
  await transport.sendMail({ from: "sender@example.test", to, subject, text });
}

describe("the capture server and waitForCapturedMail", () => {
  it("keeps the raw message beside the parsed one", async () => {
    const to = address();
    await send(to, "Raw", "Visit http://localhost:3000/a");
    const mail = await waitForCapturedMail(capture.dir, { to });
    expect(mail).toMatchObject({ to: [to], envelopeTo: [to], subject: "Raw" });
    expect(mail.links).toEqual(["http://localhost:3000/a"]);
    const raw = await readFile(path.join(capture.dir, `${mail.id}.eml`), "utf8");
    expect(raw).toMatch(/^Subject: Raw\r?$/m);
  });

  it("returns the newest message that matches recipient, subject and time", async () => {
    const to = address();
    await send(to, "Invitation 1");
    await send(address(), "Invitation 2");
    const since = new Date();
    await send(to, "Invitation 3");
    await send(to, "Something else");

    expect((await waitForCapturedMail(capture.dir, { to })).subject).toBe("Something else");
    const invitation = await waitForCapturedMail(capture.dir, { to, subject: /^Invitation/ });
    expect(invitation.subject).toBe("Invitation 3");
    const exact = await waitForCapturedMail(capture.dir, {
      to: to.toUpperCase(),
      subject: "Invitation 1",
    });
    expect(exact.subject).toBe("Invitation 1");
    await expect(
      waitForCapturedMail(
        capture.dir,
        { to, subject: "Invitation 1", after: since },
        { timeoutMs: 300 },
      ),
    ).rejects.toThrow(/No mail to .* with subject Invitation 1 within 300 ms/);
  });

  it("waits for a message that arrives later", async () => {
    const to = address();
    const waiting = waitForCapturedMail(capture.dir, { to }, { timeoutMs: 5_000, intervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await send(to, "Late");
    expect((await waiting).subject).toBe("Late");
  });

  it("reads an empty list from a directory that does not exist", async () => {
    expect(await readCapturedMail(path.join(capture.dir, "missing"))).toEqual([]);
  });
});
