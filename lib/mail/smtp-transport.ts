/**
 * The SMTP connection for SMTP_URL. Messages carry sign-in and invitation links, so they go
 * out encrypted: smtps:// uses TLS from the first byte, and smtp:// to any host but this
 * machine must upgrade with STARTTLS or the send fails (requireTLS), never falling back to
 * plain text. On loopback (the test harness's capture server) there is no network to protect
 * and no certificate for 127.0.0.1, so STARTTLS is skipped there. Options in the URL's query
 * string (nodemailer's own, e.g. ?pool=true) override these defaults.
 */
import "server-only";
import { createTransport, type Transporter } from "nodemailer";

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function createSmtpTransport(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  const loopback = isLoopbackHost(url.hostname);
  return createTransport({
    url: smtpUrl,
    requireTLS: url.protocol === "smtp:" && !loopback,
    ignoreTLS: url.protocol === "smtp:" && loopback,
    // A request that sends mail waits for it; a dead server must not hold it for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
