import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const version = (pkg: string) =>
  JSON.parse(readFileSync(path.resolve("node_modules", pkg, "package.json"), "utf8"))
    .version as string;

const atLeast = (actual: string, floor: string) => {
  const a = actual.split(/[.-]/).map(Number);
  const f = floor.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (f[i] ?? 0)) return (a[i] ?? 0) > (f[i] ?? 0);
  return true;
};

describe("dependency floors (checklist I11, §2.1)", () => {
  it("runs a next at or above 16.4.5, the last advisory fix on the 16.x line", () => {
    expect(atLeast(version("next"), "16.4.5"), `next ${version("next")}`).toBe(true);
  });

  it("runs react and react-dom at the same version", () => {
    expect(version("react")).toBe(version("react-dom"));
  });
});
