/**
 * A mail server that refuses the recipient: sendMail throws a short error with the SMTP codes
 * and logs the recipient's domain only, although the server's reply quotes the full address.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onRcptTo: (address, _session, callback) =>
      callback(
        Object.assign(new Error(`<${address.address}>: mailbox unavailable`), {
          responseCode: 550,
        }),
      ),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
  vi.stubEnv("DATABASE_APP_URL", process.env.DATABASE_APP_URL ?? "postgres://unused@127.0.0.1/x");
  vi.stubEnv("SESSION_SECRET", process.env.SESSION_SECRET ?? "unused-".repeat(5));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => server.close(resolve));
});

it("throws the SMTP codes without the address, and logs only the domain", async () => {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  const { sendMail } = await import("./send-mail");

  const error = await sendMail({ to: "secret.person@example.test", subject: "s", text: "t" }).catch(
    (e: unknown) => e as Error,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toBe("Mail delivery failed (EENVELOPE 550)");
  expect(String((error as Error).cause)).toContain("secret.person@example.test");

  const logged = lines.join("\n");
  expect(logged).toContain('"event":"mail.failed"');
  expect(logged).toContain('"recipientDomain":"example.test"');
  expect(logged).not.toContain("secret.person");
});
