import { describe, expect, it } from "vitest";
import { withHashingSlot } from "./hashing-slots";

describe("withHashingSlot", () => {
  it("never runs more than the limit at once, and runs everything", async () => {
    let active = 0;
    let peak = 0;
    const job = () =>
      withHashingSlot(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return 1;
      });
    const results = await Promise.all(Array.from({ length: 12 }, job));
    expect(results).toHaveLength(12);
    expect(peak).toBeGreaterThanOrEqual(1);
    expect(peak).toBeLessThanOrEqual(
      Math.max(1, (await import("node:os")).availableParallelism() - 1),
    );
  });

  it("frees the slot when the work throws", async () => {
    await expect(withHashingSlot(async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect(await withHashingSlot(async () => "next")).toBe("next");
  });
});
