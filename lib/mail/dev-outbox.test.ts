import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock } from "@/lib/clock";
import { listOutbox, readFromOutbox, saveToOutbox } from "./dev-outbox";

let dir: string;

beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), "outbox-")), "outbox");
});

afterEach(async () => {
  resetClock();
  await rm(path.dirname(dir), { recursive: true, force: true });
});

const message = (subject: string) => ({
  to: "ada@example.test",
  from: '"Acme" <no-reply@localhost>',
  subject,
  text: `Hello from ${subject}: http://localhost:3000/x`,
});

describe("dev outbox", () => {
  it("is empty before anything was sent", async () => {
    expect(await listOutbox(dir)).toEqual([]);
  });

  it("stores a message and reads it back by id", async () => {
    const saved = await saveToOutbox({ ...message("first"), html: "<p>Hi</p>" }, dir);
    expect(saved.id).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}$/);
    expect(await readFromOutbox(saved.id, dir)).toEqual(saved);
    expect(saved).toMatchObject({ subject: "first", to: "ada@example.test", html: "<p>Hi</p>" });
    // Links carry live tokens: owner-only files, and no temporary file left behind.
    expect((await stat(path.join(dir, `${saved.id}.json`))).mode & 0o077).toBe(0);
    expect(await readdir(dir)).toEqual([`${saved.id}.json`]);
  });

  it("lists newest first, up to the limit", async () => {
    const first = await saveToOutbox(message("first"), dir);
    advanceClock(1000);
    const second = await saveToOutbox(message("second"), dir);
    advanceClock(1000);
    const third = await saveToOutbox(message("third"), dir);

    expect((await listOutbox(dir)).map((m) => m.id)).toEqual([third.id, second.id, first.id]);
    expect((await listOutbox(dir, 2)).map((m) => m.subject)).toEqual(["third", "second"]);
  });

  it("reads nothing for an unknown or malformed id, including paths out of the folder", async () => {
    await saveToOutbox(message("kept"), dir);
    expect(await readFromOutbox("20260101T000000000Z-00000000", dir)).toBeNull();
    for (const id of ["../outbox", "../../etc/passwd", "", "x.json"]) {
      expect(await readFromOutbox(id, dir)).toBeNull();
    }
  });
});
