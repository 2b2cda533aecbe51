import "server-only";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * argon2 runs on a small pool of worker threads (default: CPU cores - 1, at least 1), each
 * lowered to the lowest CPU priority (nice 19, Linux) when it starts. A hash takes tens of
 * milliseconds of CPU: without this, a burst of logins would take every core and every other
 * request would wait behind it. With it, logins queue for a worker and yield the CPU whenever
 * anything else needs it, and run at full speed when nothing does.
 */
export const hashingPoolSize = Math.max(
  1,
  Number(process.env.PASSWORD_HASH_CONCURRENCY) || availableParallelism() - 1,
);

// Plain CommonJS evaluated in each worker, so no bundler has to know about it.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
let lowPriority = false;
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  require("node:os").setPriority(tid, 19);
  lowPriority = true;
} catch {}
const argon2 = require("@node-rs/argon2");
parentPort.on("message", ({ op, args }) => {
  try {
    const result = op === "hash" ? argon2.hashSync(args[0], args[1]) : argon2.verifySync(args[0], args[1]);
    parentPort.postMessage({ result, lowPriority });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error), lowPriority });
  }
});
`;

type Job = {
  op: "hash" | "verify";
  args: unknown[];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
};
interface Slot {
  worker: Worker;
  job: Job | null;
  lowPriority: boolean | null;
}

const slots: Slot[] = [];
const queue: Job[] = [];

function spawn(): Slot {
  const slot: Slot = {
    worker: new Worker(WORKER_SOURCE, { eval: true }),
    job: null,
    lowPriority: null,
  };
  slot.worker.unref();
  slot.worker.on(
    "message",
    (message: { result?: unknown; error?: string; lowPriority: boolean }) => {
      slot.lowPriority = message.lowPriority;
      const job = slot.job;
      slot.job = null;
      slot.worker.unref();
      if (message.error !== undefined) job?.reject(new Error(message.error));
      else job?.resolve(message.result);
      next(slot);
    },
  );
  slot.worker.on("error", (error) => {
    slot.job?.reject(error);
    slots.splice(slots.indexOf(slot), 1);
    const replacement = spawn();
    slots.push(replacement);
    next(replacement);
  });
  return slot;
}

function next(slot: Slot) {
  const job = queue.shift();
  if (!job) return;
  slot.job = job;
  slot.worker.ref();
  slot.worker.postMessage({ op: job.op, args: job.args });
}

function run<T>(op: Job["op"], args: unknown[]): Promise<T> {
  if (slots.length === 0) for (let i = 0; i < hashingPoolSize; i++) slots.push(spawn());
  return new Promise<T>((resolve, reject) => {
    queue.push({ op, args, resolve: resolve as (v: unknown) => void, reject });
    const idle = slots.find((s) => s.job === null);
    if (idle) next(idle);
  });
}

export function hashInPool(password: string, options: object): Promise<string> {
  return run<string>("hash", [password, options]);
}

export function verifyInPool(phc: string, password: string): Promise<boolean> {
  return run<boolean>("verify", [phc, password]);
}

/** For tests and diagnostics: pool size and, per worker that has run a job, its priority. */
export function hashingPoolInfo(): { size: number; lowPriority: (boolean | null)[] } {
  return { size: hashingPoolSize, lowPriority: slots.map((s) => s.lowPriority) };
}
