import { beforeAll, describe, expect, it } from "vitest";

let gate: typeof import("./login-gate");

beforeAll(async () => {
  // Read once, when the module loads; 2 so the test does not depend on this machine's cores.
  process.env.LOGIN_CONCURRENCY = "2";
  gate = await import("./login-gate");
});

/** Work that runs until the test lets it finish. */
function held() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { done, finish, fail };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("withLoginSlot", () => {
  it("runs at most LOGIN_CONCURRENCY at once, and the rest in arrival order as slots free", async () => {
    expect(gate.loginGateInfo().limit).toBe(2);
    const started: number[] = [];
    const works = Array.from({ length: 5 }, () => held());
    const results = works.map((w, i) =>
      gate.withLoginSlot(
        async () => {
          started.push(i);
          await w.done;
          return i;
        },
        () => -1,
      ),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    expect(gate.loginGateInfo()).toMatchObject({ running: 2, waiting: 3 });

    works[1]!.finish();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    works[0]!.fail(new Error("a failed login still gives its slot back"));
    await expect(results[0]).rejects.toThrow("gives its slot back");
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const w of works) w.finish();
    expect(await Promise.all(results.slice(1))).toEqual([1, 2, 3, 4]);
    expect(gate.loginGateInfo()).toMatchObject({ running: 0, waiting: 0 });
  });

  it("answers busy, without running the work, once the line is full", async () => {
    const { limit, maxWaiting } = gate.loginGateInfo();
    const blocker = held();
    const admitted = Array.from({ length: limit + maxWaiting }, () =>
      gate.withLoginSlot(
        () => blocker.done.then(() => "ran"),
        () => "busy",
      ),
    );
    await flush();
    let ranExtra = false;
    const extra = await gate.withLoginSlot(
      async () => {
        ranExtra = true;
        return "ran";
      },
      () => "busy",
    );
    expect(extra).toBe("busy");
    expect(ranExtra).toBe(false);
    blocker.finish();
    expect(new Set(await Promise.all(admitted))).toEqual(new Set(["ran"]));
    expect(gate.loginGateInfo()).toMatchObject({ running: 0, waiting: 0 });
  });
});
