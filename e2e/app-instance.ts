/**
 * Another app instance beside the one Playwright started: the same build and server
 * (`npm start`), the same database and secrets, on its own port, as a second server behind a
 * load balancer would be. Its output is appended to the run's server log (E2E_SERVER_LOG) like the main server's,
 * so the log check reads it too. Stopped by its own pid (its process group).
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";

/** A port the OS says is free: a random pick can hit one Next refuses (5060, 5061, ...). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface AppInstance {
  url: string;
  stop: () => Promise<void>;
}

export async function startAppInstance(env: Record<string, string> = {}): Promise<AppInstance> {
  const port = await freePort();
  const child = spawn(process.execPath, [".next/app-server.mjs", "-p", String(port)], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start a second app instance");
  let output = "";
  const logFile = process.env.E2E_SERVER_LOG
    ? createWriteStream(process.env.E2E_SERVER_LOG, { flags: "a" })
    : null;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      logFile?.write(chunk);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-pid, "SIGTERM");
      const timer = setTimeout(() => process.kill(-pid, "SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => (logFile ? logFile.end(resolve) : resolve()));
  };

  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/login`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the second instance did not start on ${url}:\n${output}`);
}
