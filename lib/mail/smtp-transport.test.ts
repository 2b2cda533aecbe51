import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { createSmtpTransport, isLoopbackHost } from "./smtp-transport";

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "[::1]"])("%s is loopback", (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });

  it.each(["192.0.2.2", "smtp.example.com", "localhost.example.com", "127.0.0.1.nip.io", "[::]"])(
    "%s is not",
    (h) => expect(isLoopbackHost(h)).toBe(false),
  );
});

// An address of this machine that is not loopback, to stand in for a remote mail server.
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

describe("smtp:// to a host that is not loopback", () => {
  let server: SMTPServer | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(resolve) : resolve())));

  it.skipIf(!lanAddress)(
    "refuses to send without STARTTLS instead of sending in clear",
    async () => {
      let received = 0;
      server = new SMTPServer({
        disabledCommands: ["STARTTLS"],
        authOptional: true,
        disableReverseLookup: true,
        logger: false,
        onData: (stream, _session, callback) => {
          received++;
          stream.resume().on("end", () => callback());
        },
      });
      await new Promise<void>((resolve) => server!.listen(0, lanAddress, resolve));
      const { port } = server.server.address() as AddressInfo;

      const transport = createSmtpTransport(`smtp://${lanAddress}:${port}`);
      await expect(
        transport.sendMail({
          from: "a@example.test",
          to: "b@example.test",
          subject: "s",
          text: "t",
        }),
      ).rejects.toThrow(/STARTTLS/i);
      expect(received).toBe(0);
    },
  );
});
