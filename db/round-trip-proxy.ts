/**
 * For tests and the benchmark only: a TCP proxy in front of Postgres that counts round trips,
 * so "N round trips per request" is measured on the wire rather than claimed.
 *
 * A round trip is a client flight that had to wait for the server: each time the client sends
 * bytes after the server has answered something since the client's previous bytes (or for the
 * first time on a connection). Messages pipelined in one flight count once; a client that waits
 * for an answer before sending its next statement pays one per statement.
 */
import { createServer, connect, type AddressInfo, type Socket } from "node:net";

export interface RoundTripProxy {
  /** `target` with host and port replaced by the proxy's. */
  url: string;
  /** Round trips counted on every connection since the last `reset()`. */
  roundTrips: () => number;
  reset: () => void;
  close: () => Promise<void>;
}

export async function startRoundTripProxy(target: string): Promise<RoundTripProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let count = 0;

  const server = createServer((client) => {
    const db = connect(Number(upstream.port || 5432), upstream.hostname);
    sockets.add(client).add(db);
    let answered = true;
    client.on("data", (chunk) => {
      if (answered) count++;
      answered = false;
      db.write(chunk);
    });
    db.on("data", (chunk) => {
      answered = true;
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      db.destroy();
      sockets.delete(client);
      sockets.delete(db);
    };
    client.on("close", close).on("error", close);
    db.on("close", close).on("error", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(target);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as AddressInfo).port);

  return {
    url: proxied.toString(),
    roundTrips: () => count,
    reset: () => {
      count = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
